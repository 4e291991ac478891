// Communique: full-text search over foreign-ministry statements.
// The umbrella header; each concept also has a header of its own.

#ifndef COMMUNIQUE_COMMUNIQUE_H_
#define COMMUNIQUE_COMMUNIQUE_H_

#include "communique/analyzer.h"
#include "communique/error.h"
#include "communique/gazetteer.h"
#include "communique/importer.h"
#include "communique/indexer.h"
#include "communique/report.h"
#include "communique/searcher.h"
#include "communique/statement.h"
#include "communique/version.h"

#endif  // COMMUNIQUE_COMMUNIQUE_H_
