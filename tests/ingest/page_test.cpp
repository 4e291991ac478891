#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "communique/gazetteer.h"
#include "ingest/collect_sink.h"
#include "ingest/formats.h"
#include "support/temp_index.h"

namespace communique {
namespace {

namespace fs = std::filesystem;

TEST(Page, ReadsThePlainTextHeader) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/pages/readout.txt").string()}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  const Statement& s = sink.statements[0];
  EXPECT_EQ(sink.where[0].format, "page");
  EXPECT_EQ(s.id, "readout");
  EXPECT_EQ(s.country, "KAZ");
  EXPECT_EQ(s.title, "Foreign Minister Meets Uzbek Counterpart in Almaty");
  EXPECT_EQ(s.date.to_string(), "2021-03-05");
  EXPECT_EQ(s.body.substr(0, 11), "On 4 March,");
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Aibek Zhanuzakov", "Rustam Karimov"}));
  EXPECT_EQ(s.mentions, (std::vector<std::string>{"UZB", "AFG"}));
  EXPECT_TRUE(sink.problems.empty());
}

TEST(Page, ReadsHtmlMarkupAndMetadata) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/pages/statement.html").string()}, {}, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  const Statement& s = sink.statements[0];
  EXPECT_EQ(s.id, "statement");
  EXPECT_EQ(s.country, "JPN");
  EXPECT_EQ(s.title, "Foreign Minister Hana Sato\xE2\x80\x99s Visit to Viet Nam");
  EXPECT_EQ(s.date.to_string(), "2022-09-01");
  EXPECT_EQ(s.body.find("tracking"), std::string::npos);  // scripts are not text
  EXPECT_EQ(s.body.find("Home"), std::string::npos);      // nor navigation
  EXPECT_NE(s.body.find("7 September & meet"), std::string::npos);
  EXPECT_NE(s.body.find("\n\nThe two sides"), std::string::npos);  // paragraphs kept
  EXPECT_EQ(s.ministers, (std::vector<std::string>{"Hana Sato", "Tran Van Minh"}));
  EXPECT_NE(std::find(s.mentions.begin(), s.mentions.end(), "VNM"), s.mentions.end());
  EXPECT_NE(std::find(s.mentions.begin(), s.mentions.end(), "PHL"), s.mentions.end());
}

TEST(Page, TextWithoutAStatementHeaderIsSkippedUnlessAskedFor) {
  testing::CollectSink sink;
  import_paths({testing::data_file("ingest/pages").string()}, {}, sink);
  EXPECT_EQ(sink.statements.size(), 2u);
  ASSERT_EQ(sink.skipped.size(), 1u);
  EXPECT_EQ(fs::path(sink.skipped[0]).filename(), "notes.md");

  ImportOptions page;
  page.format = "page";
  testing::CollectSink forced;
  import_paths({testing::data_file("ingest/pages/notes.md").string()}, page, forced);
  ASSERT_EQ(forced.statements.size(), 1u);
  EXPECT_EQ(forced.statements[0].title, "# Notes");
  EXPECT_EQ(forced.of_kind("no-date").size(), 1u);
}

TEST(Page, AnUnreadableDateIsReportedAndTheStatementKept) {
  testing::TempDir dir;
  std::ofstream(dir.str("p.txt"))
      << "Ministry of Foreign Affairs of Nepal\nA Title\nUpdated: the other day\n\nText.\n";
  ImportOptions page;
  page.format = "page";
  testing::CollectSink sink;
  import_paths({dir.str("p.txt")}, page, sink);
  ASSERT_EQ(sink.statements.size(), 1u);
  EXPECT_TRUE(sink.statements[0].date.empty());
  EXPECT_EQ(sink.statements[0].country, "NPL");
  EXPECT_EQ(sink.statements[0].title, "A Title");
  EXPECT_EQ(sink.statements[0].body, "Text.");
  ASSERT_EQ(sink.of_kind("bad-date").size(), 1u);
  EXPECT_NE(sink.of_kind("bad-date")[0].message.find("the other day"), std::string::npos);
}

// ---------------------------------------------------------------- HTML

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The one statement `html` (the bytes of a page named NAME.html) gives.
struct Read {
  testing::CollectSink sink;
  const Statement* statement() const {
    return sink.statements.size() == 1 ? &sink.statements[0] : nullptr;
  }
};

std::unique_ptr<Read> read_html(const std::string& html, const std::string& name = "page.html") {
  auto r = std::make_unique<Read>();
  ImportOptions options;
  ingest::Context context{options, Gazetteer::builtin(), r->sink};
  ingest::read_page(html, Provenance{name, 0, 1, "page"}, "test", context);
  return r;
}

// The page as another site would write the same markup: its <meta> tags
// removed, its semantic elements, headings, paragraphs and lists renamed
// to <div>, its ids and classes replaced by others.
std::string rewritten(const std::string& html, unsigned seed) {
  std::string out = std::regex_replace(html, std::regex("<meta[^>]*>"), "");
  out = std::regex_replace(
      out,
      std::regex("<(/?)(nav|header|footer|aside|article|main|section|h1|h2|p|ul|li|dl|dd|dt|table|"
                 "tr|td)\\b",
                 std::regex::icase),
      "<$1div");
  std::mt19937 random(seed);
  std::regex attribute("\\b(class|id)=(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
  std::string renamed;
  auto begin = std::sregex_iterator(out.begin(), out.end(), attribute);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    renamed += out.substr(last, it->position() - last);
    renamed += (*it)[1].str() + "=\"r" + std::to_string(random()) + "\"";
    last = it->position() + it->length();
  }
  return renamed + out.substr(last);
}

const std::string kSeedParagraphs =
    "On 16 July, the foreign ministers of China and Mongolia held talks by video link on border "
    "trade, railway links and the reopening of crossing points closed during the pandemic.\n\n"
    "The two sides agreed to speed up work on the cross-border railway, to keep the main "
    "crossing points open for goods, and to hold the next round of consultations in Ulaanbaatar "
    "before the end of the year.\n\n"
    "They also exchanged views on regional cooperation and on the situation in Afghanistan, and "
    "agreed to stay in close touch on matters of common concern.";

// The seed press release saved as HTML: the menu, the share bar, the
// related headlines and the footer are not the statement; its date is the
// "Updated:" line, which was missed in HTML.
TEST(Page, TheSeedLayoutGivesOnlyTheStatementAndItsDate) {
  auto r = read_html(read_bytes(testing::data_file("html/press_release.html")));
  const Statement* s = r->statement();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->body, kSeedParagraphs);
  EXPECT_EQ(s->title, "China and Mongolia Hold Talks on Border Trade and Railways");
  EXPECT_EQ(s->date.to_string(), "2020-07-17");
  EXPECT_EQ(s->country, "CHN");
  EXPECT_EQ(s->mentions, (std::vector<std::string>{"MNG", "AFG"}));
  EXPECT_TRUE(r->sink.problems.empty());
}

TEST(Page, ASpokespersonsAnswerOnTheChineseSite) {
  auto r = read_html(read_bytes(testing::data_file("html/spokesperson.html")));
  const Statement* s = r->statement();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->title, "外交部发言人林晓就某国总统访华答记者问");  // no <br>, no site name
  EXPECT_EQ(s->date.to_string(), "2023-05-12");
  EXPECT_EQ(s->country, "CHN");
  EXPECT_EQ(s->ministers, (std::vector<std::string>{"林晓"}));
  EXPECT_EQ(s->url, "https://www.mfa.gov.cn/web/wjdt/fyrbt/202305/t20230512_1.shtml");
  EXPECT_EQ(
      s->body,
      "问：据报道，某国总统将于下周访华。请介绍此访安排和中方期待。\n\n"
      "林晓：应国家主席邀请，某国总统将于5月15日至18日对中国进行国事访问。两国元首将就双边关系"
      "和共同关心的国际地区问题深入交换意见。\n\n"
      "中方愿同某国一道，以此访为契机，深化政治互信，拓展务实合作，推动两国关系迈上新台阶。");
  for (const char* boilerplate :
       {"首页", "主要职责", "版权所有", "打印", "相关新闻", "English", "<", "&"})
    EXPECT_EQ(s->body.find(boilerplate), std::string::npos) << boilerplate;
}

TEST(Page, RenamedElementsAndNoMetaTagsGiveTheSameStatementTitleAndDate) {
  for (const char* fixture : {"html/press_release.html", "html/spokesperson.html"}) {
    std::string html = read_bytes(testing::data_file(fixture));
    auto original = read_html(html);
    ASSERT_NE(original->statement(), nullptr) << fixture;
    for (unsigned seed : {1u, 2u}) {
      std::string twin = rewritten(html, seed);
      ASSERT_EQ(twin.find("<meta"), std::string::npos);
      ASSERT_EQ(twin.find("<h1"), std::string::npos);
      auto again = read_html(twin);
      const Statement* s = again->statement();
      ASSERT_NE(s, nullptr) << fixture;
      EXPECT_EQ(s->body, original->statement()->body) << fixture;
      EXPECT_EQ(s->title, original->statement()->title) << fixture;
      EXPECT_EQ(s->date, original->statement()->date) << fixture;
      EXPECT_EQ(s->country, original->statement()->country) << fixture;
    }
  }
}

TEST(Page, LegacyCharsetsThePageDeclares) {
  auto ru = read_html(read_bytes(testing::data_file("html/cp1251.html")));
  const Statement* s = ru->statement();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->title, "Заявление МИД России о переговорах по каспийскому транзиту");
  EXPECT_EQ(s->date.to_string(), "2022-01-25");  // "25 января 2022 года, 14:30"
  EXPECT_EQ(s->country, "RUS");
  EXPECT_EQ(s->body.substr(0, s->body.find(' ')), "Министр");
  EXPECT_NE(s->body.find("\n\nСтороны договорились"), std::string::npos);
  EXPECT_TRUE(ru->sink.problems.empty());

  auto zh = read_html(read_bytes(testing::data_file("html/gbk.html")));
  s = zh->statement();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->title, "关于某地区局势的声明");
  EXPECT_EQ(s->date.to_string(), "2005-03-08");  // "2005年3月8日" under the text
  EXPECT_EQ(s->country, "CHN");
  EXPECT_EQ(s->body,
            "中方密切关注某地区局势的发展，呼吁有关各方保持冷静克制，通过对话协商解决分歧。\n\n"
            "中方愿同国际社会一道，为缓和局势、恢复和平发挥建设性作用。");
}

TEST(Page, AByteOrderMarkWinsOverTheDeclaredCharset) {
  std::string page =
      "<html><head><meta charset=windows-1251><title>Déclaration</title></head><body><p>Le "
      "ministre a rencontré son homologue, et ils ont signé un accord.</p></body></html>";
  auto utf8 = read_html("\xEF\xBB\xBF" + page);
  ASSERT_NE(utf8->statement(), nullptr);
  EXPECT_EQ(utf8->statement()->title, "Déclaration");
  // UTF-16 with its mark, whatever the page says.
  std::string utf16 = "\xFF\xFE";
  for (char16_t c :
       u"<html><head><meta charset=gb2312><title>Мир</title></head><body><p>Это "
       u"заявление, и оно длинное.</p></body></html>") {
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  auto wide = read_html(utf16);
  ASSERT_NE(wide->statement(), nullptr);
  EXPECT_EQ(wide->statement()->title, "Мир");
  EXPECT_EQ(wide->statement()->body, "Это заявление, и оно длинное.");
}

TEST(Page, APageWithoutAStatementIsASkippedFileWithAReason) {
  struct Reasons : testing::CollectSink {
    std::vector<std::string> reasons;
    void skipped_file(const std::string& path, const std::string& reason) override {
      CollectSink::skipped_file(path, reason);
      reasons.push_back(reason);
    }
  } sink;
  import_paths({testing::data_file("html/index.html").string()}, {}, sink);
  EXPECT_TRUE(sink.statements.empty());
  ASSERT_EQ(sink.reasons.size(), 1u);
  EXPECT_NE(sink.reasons[0].find("no statement in the page"), std::string::npos);
  EXPECT_NE(sink.reasons[0].find("links"), std::string::npos);
  EXPECT_TRUE(sink.problems.empty());
}

// Text after a bare '<' was lost, and an unclosed <title> swallowed the
// page, both silently.
TEST(Page, ABareLessThanAndAnUnclosedTitleLoseNoText) {
  auto r = read_html(
      "<html><head><title>Cats and numbers\n<meta charset=utf-8></head><body>"
      "<p>If 3 < 5 then the cats win, as everyone in the room expected.</p>"
      "<p>The result was announced on 17 July 2020, to general applause.</p></body></html>");
  const Statement* s = r->statement();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->title, "Cats and numbers");
  EXPECT_EQ(s->body,
            "If 3 < 5 then the cats win, as everyone in the room expected.\n\n"
            "The result was announced on 17 July 2020, to general applause.");
  EXPECT_EQ(s->date.to_string(), "2020-07-17");
}

TEST(Page, DatesWrittenInThePagesLanguage) {
  struct Case {
    const char* line;
    const char* date;
  } cases[] = {{"Publié le 25 janvier 2022", "2022-01-25"},
               {"Madrid, 25 de enero de 2022", "2022-01-25"},
               {"Berlin, 3. März 2021", "2021-03-03"},
               {"发布时间：2022年1月25日 10:30", "2022-01-25"},
               {"Обновлено: 1 марта 2022 г.", "2022-03-01"}};
  for (const auto& c : cases) {
    auto r = read_html(std::string("<html><body><nav><a href=/>Home</a></nav><h1>Title</h1><p>") +
                       c.line +
                       "</p><p>The minister spoke to the press, and answered questions on trade "
                       "and security.</p></body></html>");
    ASSERT_NE(r->statement(), nullptr) << c.line;
    EXPECT_EQ(r->statement()->date.to_string(), c.date) << c.line;
  }
}

TEST(Page, EntitiesAndMarkupNeverLeakIntoTitleOrText) {
  auto r = read_html(
      "<html><head><title>Duma &lt;br&gt;elections &amp; results | Ministry of Foreign Affairs of "
      "the Russian Federation</title></head><body><p>The &ldquo;preliminary&rdquo; results &mdash; "
      "announced today &lt;br&gt; were welcomed, and observers&#8217; reports followed.</p>"
      "</body></html>");
  const Statement* s = r->statement();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->title, "Duma elections & results");
  EXPECT_EQ(s->country, "RUS");
  EXPECT_EQ(s->body,
            "The \xE2\x80\x9Cpreliminary\xE2\x80\x9D results \xE2\x80\x94 announced today were "
            "welcomed, and observers\xE2\x80\x99 reports followed.");
}

TEST(Page, TheAuthorMetaNamesASpeaker) {
  auto r = read_html(
      "<html><head><meta name=author content=\"JANE DOE\"><meta name=\"article:author\" "
      "content=\"https://example.org/staff\"><meta name=keywords content=\"trade;Jane Doe\">"
      "</head><body><p>The minister met the press, and spoke about trade.</p></body></html>");
  ASSERT_NE(r->statement(), nullptr);
  // The page gives the name as its meta writes it; the index holds it tidied.
  EXPECT_EQ(r->statement()->ministers, (std::vector<std::string>{"JANE DOE"}));
  EXPECT_EQ(testing::normalised(*r->statement()).ministers, (std::vector<std::string>{"Jane Doe"}));
}

}  // namespace
}  // namespace communique
