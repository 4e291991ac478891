#include "index/document_builder.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "analysis/grams.h"
#include "analysis/passages.h"
#include "core/hash.h"
#include "index/stored_fields.h"
#include "schema/fields.h"
#include "schema/schema.h"

namespace communique::index {

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
    slot.term = terms_.stem(word, language);
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
      doc.add_posting(schema::TermEncoder::as_written(token.text), pos, wdf);
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
    if (token.acronym) doc.add_posting(schema::TermEncoder::acronym(token.text), pos, wdf);
  }
  characters_.clear();
  bigrams_.clear();
  analysis::append_grams(tokens_, 0, tokens_.size(), starts_, &characters_, &bigrams_);
  for (const analysis::Gram& character : characters_) {
    doc.add_posting(schema::TermEncoder::character(character.text),
                    schema::position(passage, character.position), wdf);
  }
  // Bigrams only say which statements may hold a run (they weigh nothing):
  // with no wdf they leave statements' lengths, and so BM25, as the
  // characters make them.
  for (const analysis::Gram& bigram : bigrams_)
    doc.add_term(schema::TermEncoder::bigram(bigram.text), 0);
  return starts_.back();
}

void DocumentBuilder::add_fields(Xapian::Document& doc, const Statement& s) const {
  for (const schema::FieldSpec& field : schema::fields()) {
    if (!field.filters()) continue;
    std::string slot;  // a list's values joined
    for (const std::string& value : field.values(s)) {
      std::optional<std::string> key = schema::key(field, value, gazetteer_);
      if (!key) continue;  // the normalisation stage reported it
      for (const std::string& term : schema::terms(field, *key)) doc.add_boolean_term(term);
      if (!field.is_facet()) continue;
      if (!slot.empty()) slot += schema::kListSeparator;
      for (char c : schema::facet_value(field, value, *key)) {
        if (c != schema::kListSeparator) slot += c;
      }
      if (!field.list) break;
    }
    if (!slot.empty()) doc.add_value(field.facet_slot, slot);
  }
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

  add_fields(doc, s);
  if (!s.date.empty())
    doc.add_value(schema::kDateSlot, Xapian::sortable_serialise(s.date.sort_key()));

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
