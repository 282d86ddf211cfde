# Runs the C example and compares its output with expected.txt.
execute_process(COMMAND ${PROGRAM} ${POLICY} 2026-03-05
  OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result)
file(READ ${EXPECTED} expected)
if(NOT result EQUAL 0 OR NOT output STREQUAL expected)
  message(FATAL_ERROR "invoicing (exit ${result}) printed:\n${output}${errors}"
    "expected:\n${expected}")
endif()
message(STATUS "invoicing: ok")
