#include "index/document_builder.h"

#include <algorithm>
#include <cstdio>

#include "analysis/grams.h"
#include "analysis/passages.h"
#include "core/hash.h"
#include "schema/schema.h"
#include "index/stored_fields.h"

namespace communique::index {

std::string minister_key(std::string_view name) {
  std::string folded = Analyzer::fold(name);
  std::string key;
  for (char c : folded) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else if (c != '.' && c != ',') {
      key += c;
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

namespace {

constexpr std::size_t kStemSlots = 1u << 15;  // a power of two

// See DocumentBuilder::last_words().
bool spelling_word(const std::string& word) {
  if (word.size() < 3 || word.size() > 64) return false;
  return std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

DocumentBuilder::StemSlot& DocumentBuilder::stem_slot(const std::string& word,
                                                      const std::string& language, StemMemo& memo) {
  if (memo.empty()) memo.resize(kStemSlots);
  StemSlot& slot = memo[std::hash<std::string>{}(word) & (kStemSlots - 1)];
  if (slot.word != word || slot.term.empty()) {
    if (slot.spellings) evicted_[slot.word] += slot.spellings;
    slot.word = word;
    slot.term = analyzer_.stem(word, language);
    schema::clip_term(slot.term);
    slot.document = 0;
    slot.spellings = 0;
  }
  return slot;
}

void DocumentBuilder::take_spellings(
    const std::function<void(const std::string&, Xapian::termcount)>& add) {
  for (auto& [language, memo] : stems_) {
    for (auto& slot : memo) {
      if (slot.spellings) add(slot.word, slot.spellings);
      slot.spellings = 0;
    }
  }
  for (const auto& [word, count] : evicted_) add(word, count);
  evicted_.clear();
}

std::uint32_t DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                          std::uint32_t passage, const std::string& language,
                                          Xapian::termcount wdf) {
  tokens_.clear();
  analyzer_.tokenize(text, tokens_);
  analysis::lay_out(tokens_, starts_);
  StemMemo& stems = stems_[language];
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const Token& token = tokens_[i];
    if (token.ideographic) continue;  // by character, below
    Xapian::termpos pos = schema::position(passage, starts_[i]);
    StemSlot& slot = stem_slot(token.text, language, stems);
    doc.add_posting(slot.term, pos, wdf);
    if (slot.term != token.text)
      doc.add_posting(schema::term(schema::kWordPrefix, token.text), pos, wdf);
    // The memo remembers the words of this document, so that the spelling
    // dictionary counts each once. (A word whose slot another word of the
    // document took, met again, counts twice: build() removes the repeat
    // from a list, a count keeps it; a count a little high only breaks
    // ties between suggestions.)
    if (slot.document != document_) {
      slot.document = document_;
      if (spelling_word(token.text)) {
        if (spellings_ == Spellings::kCounted)
          ++slot.spellings;
        else
          words_.push_back(token.text);
      }
    }
    if (token.acronym) doc.add_posting(schema::term(schema::kAcronymPrefix, token.text), pos, wdf);
  }
  characters_.clear();
  bigrams_.clear();
  analysis::append_grams(tokens_, 0, tokens_.size(), starts_, &characters_, &bigrams_);
  for (const analysis::Gram& character : characters_)
    doc.add_posting(character.text, schema::position(passage, character.position), wdf);
  // Bigrams only say which statements may hold a run (they weigh nothing):
  // with no wdf they leave statements' lengths, and so BM25, as the
  // characters make them.
  std::string term(schema::kBigramPrefix);
  for (const analysis::Gram& bigram : bigrams_) {
    term.resize(schema::kBigramPrefix.size());
    term += bigram.text;
    doc.add_term(term, 0);
  }
  return starts_.back();
}

Xapian::Document DocumentBuilder::build(const Statement& s, std::string_view source_file) {
  Xapian::Document doc;
  ++document_;
  words_.clear();
  const std::vector<analysis::PassageSpan> passages = analysis::split_passages(s.body);

  std::string lengths;
  auto add_length = [&](std::uint32_t words) {
    lengths += static_cast<char>(std::min<std::uint32_t>(words, 255));
  };
  add_length(s.title.empty() ? 0 : index_text(doc, s.title, 0, s.language, schema::kTitleWdf));
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const auto& p = passages[i];
    add_length(index_text(doc, std::string_view(s.body).substr(p.start, p.end - p.start),
                          static_cast<std::uint32_t>(i + 1), s.language, 1));
  }
  doc.add_value(schema::kPassageLengthsSlot, lengths);
  if (!words_.empty()) {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  }

  doc.add_boolean_term(schema::term(schema::kIdPrefix, s.id));
  doc.add_boolean_term(schema::term(schema::kLanguagePrefix, s.language));
  if (!s.country.empty()) {
    doc.add_boolean_term(schema::term(schema::kCountryPrefix, s.country));
    doc.add_value(schema::kCountrySlot, s.country);
  }
  std::string ministers;
  for (const auto& name : s.ministers) {
    doc.add_boolean_term(schema::term(schema::kMinisterPrefix, minister_key(name)));
    if (!ministers.empty()) ministers += schema::kListSeparator;
    for (char c : name) {
      if (c != schema::kListSeparator) ministers += c;
    }
  }
  if (!ministers.empty()) doc.add_value(schema::kMinistersSlot, ministers);
  for (const auto& code : s.mentions)
    doc.add_boolean_term(schema::term(schema::kMentionPrefix, code));
  if (!s.role.empty()) {
    doc.add_boolean_term(schema::term(schema::kRolePrefix, s.role));
    doc.add_value(schema::kRoleSlot, s.role);
  }
  if (!s.source.empty())
    doc.add_boolean_term(schema::term(schema::kSourcePrefix, Analyzer::fold(s.source)));
  if (!s.date.empty()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", s.date.year);
    doc.add_boolean_term(schema::term(schema::kYearPrefix, buf));
    doc.add_value(schema::kYearSlot, buf);
    if (s.date.month) {
      std::snprintf(buf, sizeof buf, "%04d%02d", s.date.year, s.date.month);
      doc.add_boolean_term(schema::term(schema::kMonthPrefix, buf));
      if (s.date.day) {
        std::snprintf(buf, sizeof buf, "%04d%02d%02d", s.date.year, s.date.month, s.date.day);
        doc.add_boolean_term(schema::term(schema::kDayPrefix, buf));
      }
    }
    doc.add_value(schema::kDateSlot, Xapian::sortable_serialise(s.date.sort_key()));
  }

  if (!source_file.empty()) doc.add_value(schema::kSourceFileSlot, std::string(source_file));
  doc.add_value(schema::kOrderSlot,
                schema::order_key(s.date.empty() ? 0 : s.date.sort_key(), s.id));

  std::string data = encode(s, passages);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(core::fnv1a64(data)));
  hash_ = hex;
  doc.add_value(schema::kHashSlot, hash_);
  doc.set_data(std::move(data));
  return doc;
}

}  // namespace communique::index
