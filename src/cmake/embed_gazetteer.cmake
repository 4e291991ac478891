# Writes a C++ source holding the gazetteer tables as string literals.
# Usage: cmake -DCOUNTRIES=... -DORGANIZATIONS=... -DOUTPUT=... -P embed_gazetteer.cmake
file(READ ${COUNTRIES} countries)
file(READ ${ORGANIZATIONS} organizations)
file(WRITE ${OUTPUT}
"// Generated from corpus/gazetteer.tsv and corpus/organizations.tsv; do not edit.\n"
"namespace communique {\n"
"extern const char* const kBuiltinGazetteerTsv;\n"
"extern const char* const kBuiltinOrganizationsTsv;\n"
"const char* const kBuiltinGazetteerTsv = R\"tsv(${countries})tsv\";\n"
"const char* const kBuiltinOrganizationsTsv = R\"tsv(${organizations})tsv\";\n"
"}  // namespace communique\n")
