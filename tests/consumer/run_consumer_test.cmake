# Installs the relance build tree into a scratch prefix, then configures,
# builds and runs tests/consumer against it with find_package(relance).
# Variables: RELANCE_BUILD_DIR, CONSUMER_SOURCE_DIR, SCRATCH_DIR, CXX_FLAGS,
# LINKER_FLAGS, BUILD_TYPE.
file(REMOVE_RECURSE "${SCRATCH_DIR}")
set(prefix "${SCRATCH_DIR}/prefix")
set(build "${SCRATCH_DIR}/build")

function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result
                  OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer test: ${name} failed (${result}):\n${output}")
  endif()
  message(STATUS "consumer test: ${name} ok")
  set(last_output "${output}" PARENT_SCOPE)
endfunction()

run_step(install ${CMAKE_COMMAND} --install "${RELANCE_BUILD_DIR}" --prefix "${prefix}")
run_step(configure ${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${build}"
  "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run_step(build ${CMAKE_COMMAND} --build "${build}")
run_step(run "${build}/consumer")
if(NOT last_output MATCHES "consumer: 1274.56 EUR")
  message(FATAL_ERROR "consumer test: unexpected output: ${last_output}")
endif()
