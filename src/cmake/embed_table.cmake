# Writes a C++ source defining one table of corpus/ as a string literal.
# Usage: cmake -DINPUT=... -DSYMBOL=... -DOUTPUT=... -P embed_table.cmake
file(READ ${INPUT} table)
string(FIND "${table}" ")tsv\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} holds the raw string's delimiter )tsv\"")
endif()
get_filename_component(name ${INPUT} NAME)
file(WRITE ${OUTPUT}
"// Generated from corpus/${name}; do not edit.\n"
"namespace communique {\n"
"extern const char* const ${SYMBOL};\n"
"const char* const ${SYMBOL} = R\"tsv(${table})tsv\";\n"
"}  // namespace communique\n")
