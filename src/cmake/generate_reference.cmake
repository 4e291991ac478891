# Writes the command's shell completions and manual page, each printed by
# the command itself from its own definitions.
#   cmake -DCOMMAND=path/to/communique -DOUTPUT_DIR=dir -P generate_reference.cmake
foreach(item IN ITEMS "communique.bash:completions;bash" "_communique:completions;zsh"
                      "communique.1:man")
  string(FIND "${item}" ":" colon)
  string(SUBSTRING "${item}" 0 ${colon} file)
  math(EXPR colon "${colon} + 1")
  string(SUBSTRING "${item}" ${colon} -1 arguments)
  execute_process(
    COMMAND ${COMMAND} ${arguments}
    OUTPUT_FILE ${OUTPUT_DIR}/${file}.tmp
    ERROR_VARIABLE errors
    RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${COMMAND} ${arguments} failed (${result}): ${errors}")
  endif()
  file(RENAME ${OUTPUT_DIR}/${file}.tmp ${OUTPUT_DIR}/${file})
endforeach()
