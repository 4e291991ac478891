#include "ingest/person_names.h"

#include <gtest/gtest.h>

namespace communique::ingest {
namespace {

TEST(NormalisePersonName, StripsHonorificsAndPossessives) {
  EXPECT_EQ(normalise_person_name("Mr. Mohammad Ayub KHAN"), "Mohammad Ayub Khan");
  EXPECT_EQ(normalise_person_name("H.E. Mr. Wang Yi"), "Wang Yi");
  EXPECT_EQ(normalise_person_name("Sheikh Tamim bin Hamad Al Thani"), "Tamim bin Hamad Al Thani");
  EXPECT_EQ(normalise_person_name("Dr Vivian Balakrishnan's"), "Vivian Balakrishnan");
  EXPECT_EQ(normalise_person_name("Dr Vivian Balakrishnan\xE2\x80\x99s"), "Vivian Balakrishnan");
  EXPECT_EQ(normalise_person_name("His Royal Highness Prince Faisal Al Saud"), "Faisal Al Saud");
  EXPECT_EQ(normalise_person_name("King Mswati III"), "Mswati III");
  EXPECT_EQ(normalise_person_name("The Honorable Alexander DOWNER MP"), "Alexander Downer");
  EXPECT_EQ(normalise_person_name("Dr. Lotay Tshering, MBBS, MD"), "Lotay Tshering");
  EXPECT_EQ(normalise_person_name("Mr. Cujba (first name not provided)"), "Cujba");
  EXPECT_EQ(normalise_person_name("Mr. DHANABALAN:"), "Dhanabalan");
  EXPECT_EQ(normalise_person_name("Dato' Sri Ismail Sabri Yaakob"), "Ismail Sabri Yaakob");
}

TEST(NormalisePersonName, WritesCapitalsAsNames) {
  EXPECT_EQ(normalise_person_name("HUANG Hua"), "Huang Hua");
  EXPECT_EQ(normalise_person_name("MRS. INDIRA GANDHI"), "Indira Gandhi");
  EXPECT_EQ(normalise_person_name("MR. GONZALO SANCHEZ DE LOZADA"), "Gonzalo Sanchez de Lozada");
  EXPECT_EQ(normalise_person_name("CÉSAR GAVIRIA TRUJILLO"), "César Gaviria Trujillo");
  EXPECT_EQ(normalise_person_name("Abdullah Bin Zayed AL NAHYAN"), "Abdullah Bin Zayed Al Nahyan");
  EXPECT_EQ(normalise_person_name("HAILE SELASSIE I"), "Haile Selassie I");
  EXPECT_EQ(normalise_person_name("He Yafei"), "He Yafei");  // a surname, not "H.E."
}

TEST(NormalisePersonName, TidiesSpacingInitialsAndEncoding) {
  EXPECT_EQ(normalise_person_name("  John  Dramani  Mahama "), "John Dramani Mahama");
  EXPECT_EQ(normalise_person_name("Joseph R Biden"), "Joseph R. Biden");
  EXPECT_EQ(normalise_person_name("Joseph R. Biden, Jr"), "Joseph R. Biden Jr.");
  // Windows-1252 "š" read as Latin-1 leaves U+009A.
  EXPECT_EQ(normalise_person_name("Ivan Ga\xC2\x9A"
                                  "parovi\xC4\x8D"),
            "Ivan Ga\xC5\xA1parovi\xC4\x8D");
  EXPECT_EQ(normalise_person_name("Siaosi \xE2\x80\x98Ofakivahafolau Sovaleni"),
            "Siaosi 'Ofakivahafolau Sovaleni");
  EXPECT_EQ(normalise_person_name("Mr."), "Mr.");  // nothing but a title: left as it is
  EXPECT_EQ(normalise_person_name("   "), "");
}

// The normalisation stage tidies every name, those an importer or the
// extractor already tidied included: a tidy name must come back as it is.
TEST(NormalisePersonName, LeavesATidyNameAsItIs) {
  for (const char* raw :
       {"Mr. Mohammad Ayub KHAN", "H.E. Mr. Wang Yi", "Dr Vivian Balakrishnan's", "King Mswati III",
        "The Honorable Alexander DOWNER MP", "Dr. Lotay Tshering, MBBS, MD", "HUANG Hua",
        "MR. GONZALO SANCHEZ DE LOZADA", "CÉSAR GAVIRIA TRUJILLO", "HAILE SELASSIE I", "He Yafei",
        "Joseph R Biden", "Joseph R. Biden, Jr", "Dato' Sri Ismail Sabri Yaakob", "Mr.",
        "\xE6\xB1\xAA\xE6\x96\x87\xE6\x96\x8C", "С. В. Лавров",
        "Siaosi \xE2\x80\x98Ofakivahafolau Sovaleni"}) {
    std::string once = normalise_person_name(raw);
    EXPECT_EQ(normalise_person_name(once), once) << raw;
  }
}

}  // namespace
}  // namespace communique::ingest
