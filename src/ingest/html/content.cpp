#include "ingest/html/content.h"

#include <vector>

namespace communique::ingest::html {

namespace {

// A block reads as prose with this many words and a mark of punctuation,
// or half as many ending a sentence, or without punctuation when long.
constexpr float kProseWords = 8;
constexpr float kSentenceWords = 4;
constexpr float kLongWords = 50;
constexpr double kProseLinkDensity = 0.35;
constexpr double kLinkListDensity = 0.5;
// A teaser: an element of a few blocks, one a link (the headline of
// another page) and a fifth of its words in links, such as the "related
// articles" cards after a statement: with a summary under its link it
// would read as prose.
constexpr std::uint32_t kTeaserBlocks = 4;
constexpr double kTeaserLinkDensity = 0.2;

BlockKind classify(const Block& b, bool semantic_hints) {
  if (b.words <= 0) return BlockKind::kNeutral;
  if ((semantic_hints && b.boilerplate) || b.copyright) return BlockKind::kBoilerplate;
  double links = b.link_density();
  if (links >= kLinkListDensity) return BlockKind::kBoilerplate;
  if (b.heading) return BlockKind::kNeutral;
  if (links < kProseLinkDensity &&
      ((b.words >= kProseWords && b.punctuation > 0) ||
       (b.words >= kSentenceWords && b.ends_sentence) || b.words >= kLongWords))
    return BlockKind::kProse;
  return BlockKind::kNeutral;
}

double weight(const Block& b, BlockKind kind) {
  switch (kind) {
    case BlockKind::kProse:
      return b.words * (1 - b.link_density());
    case BlockKind::kBoilerplate:
      return -(static_cast<double>(b.words) + 1);
    case BlockKind::kNeutral:
      break;
  }
  return 0;
}

struct Run {
  double score = 0;
  std::uint32_t first = 0, last = 0, element = 0;
};

// The best run of consecutive items (direct blocks and whole child
// elements) of any element: Kadane's maximum-sum subarray over each
// element's items, all elements at once, in one pass over the blocks.
Run best_run(const Document& doc, const std::vector<double>& weights) {
  // Words, words in links and link-list blocks before each block, so that
  // any element's are a subtraction away.
  const std::size_t n_blocks = doc.blocks.size();
  std::vector<double> words(n_blocks + 1), link_words(n_blocks + 1);
  std::vector<std::uint32_t> link_blocks(n_blocks + 1);
  for (std::size_t i = 0; i < n_blocks; ++i) {
    const Block& b = doc.blocks[i];
    words[i + 1] = words[i] + b.words;
    link_words[i + 1] = link_words[i] + b.link_words;
    link_blocks[i + 1] = link_blocks[i] + (b.words > 0 && b.link_density() >= kLinkListDensity);
  }
  // What an element weighs as one item of its parent's run: its blocks'
  // weight, or against when it is a teaser.
  auto as_item = [&](const Element& e, double total) {
    std::uint32_t first = e.first_block, end = e.end_block;
    double w = words[end] - words[first];
    if (end - first <= kTeaserBlocks && link_blocks[end] > link_blocks[first] && w > 0 &&
        (link_words[end] - link_words[first]) / w >= kTeaserLinkDensity)
      return -(w + 1);
    return total;
  };
  struct Frame {
    std::uint32_t element = 0;
    double total = 0, current = 0;
    bool running = false;
    std::uint32_t current_first = 0;
    Run best;
  };
  Run global;
  std::vector<Frame> frames;
  auto item = [](Frame& f, double w, std::uint32_t first, std::uint32_t last) {
    f.total += w;
    if (!f.running || f.current <= 0) {
      f.current = w;
      f.current_first = first;
      f.running = true;
    } else {
      f.current += w;
    }
    if (f.current > f.best.score) f.best = {f.current, f.current_first, last, f.element};
  };
  auto close = [&]() {
    Frame f = frames.back();
    frames.pop_back();
    if (f.best.score > global.score) global = f.best;
    if (!frames.empty()) {
      const Element& e = doc.elements[f.element];
      item(frames.back(), as_item(e, f.total), e.first_block, e.end_block);
    }
  };
  frames.push_back({});
  std::size_t next_element = 1;
  const auto n = static_cast<std::uint32_t>(doc.blocks.size());
  for (std::uint32_t b = 0; b < n; ++b) {
    while (frames.size() > 1 && doc.elements[frames.back().element].end_block <= b) close();
    while (next_element < doc.elements.size() && doc.elements[next_element].first_block <= b) {
      const Element& e = doc.elements[next_element];
      auto index = static_cast<std::uint32_t>(next_element++);
      if (e.end_block <= b) continue;  // holds no block
      while (frames.size() > 1 && doc.elements[frames.back().element].end_block <= e.first_block)
        close();
      Frame f;
      f.element = index;
      frames.push_back(f);
    }
    item(frames.back(), weights[b], b, b + 1);
  }
  while (!frames.empty()) close();
  return global;
}

}  // namespace

BlockKind classify(const Block& block) { return classify(block, true); }

Content extract_content(const Document& doc) {
  Content content;
  double words = 0, link_words = 0;
  for (const Block& b : doc.blocks) {
    words += b.words;
    link_words += b.link_words;
    content.prose_blocks += classify(b, true) == BlockKind::kProse;
  }
  content.link_share = words > 0 ? link_words / words : 0;

  // Semantic elements and landmark roles are hints: a page whose only
  // prose sits in, say, its <header> is read without them.
  std::vector<double> weights(doc.blocks.size());
  Run run;
  bool hints = true;
  for (bool with_hints : {true, false}) {
    hints = with_hints;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      BlockKind kind = classify(doc.blocks[i], hints);
      // The summary under a linked subheading is another page's teaser.
      if (kind == BlockKind::kProse && i > 0 && doc.blocks[i - 1].heading >= 2 &&
          doc.blocks[i - 1].link_density() >= kLinkListDensity)
        kind = BlockKind::kNeutral;
      weights[i] = weight(doc.blocks[i], kind);
    }
    run = best_run(doc, weights);
    if (run.score > 0) break;
  }
  if (run.score <= 0) return content;

  content.first = run.first;
  content.last = run.last;
  content.element = run.element;
  // The run's fragments at its edges go (the headline, a date line, a
  // share bar); the boilerplate it encloses goes wherever it is.
  std::uint32_t first = run.first, last = run.last;
  while (first < last && classify(doc.blocks[first], hints) != BlockKind::kProse) ++first;
  while (last > first && classify(doc.blocks[last - 1], hints) != BlockKind::kProse) --last;
  for (std::uint32_t b = first; b < last; ++b) {
    if (classify(doc.blocks[b], hints) != BlockKind::kBoilerplate) content.blocks.push_back(b);
  }
  return content;
}

namespace {

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t') out += c;
  }
  return out;
}

}  // namespace

void drop_leading_title(const Document& doc, Content& content, std::string_view title) {
  std::string t = without_spaces(title);
  if (t.empty()) return;
  std::size_t drop = 0;
  while (drop < content.blocks.size() && without_spaces(doc.block_text(content.blocks[drop])) == t)
    ++drop;
  if (drop == 0) return;
  while (drop < content.blocks.size() &&
         classify(doc.blocks[content.blocks[drop]]) != BlockKind::kProse)
    ++drop;
  if (drop == content.blocks.size()) return;  // the title was all there was
  content.blocks.erase(content.blocks.begin(), content.blocks.begin() + drop);
}

std::string content_text(const Document& doc, const Content& content) {
  std::size_t size = 0;
  for (std::uint32_t b : content.blocks) size += doc.blocks[b].end - doc.blocks[b].begin + 2;
  std::string out;
  out.reserve(size);
  for (std::uint32_t b : content.blocks) {
    if (!out.empty()) out += "\n\n";
    out += doc.block_text(b);
  }
  return out;
}

}  // namespace communique::ingest::html
