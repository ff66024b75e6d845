include(GoogleTest)

# flipdns_unit_test(NAME SOURCES a_test.cc ... LIBS lib ...)
# One GoogleTest binary per library; every test carries the "unit" label so the
# sanitizer build can run exactly the unit tests.
function(flipdns_unit_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  gtest_discover_tests(${name} PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
  set_property(GLOBAL APPEND PROPERTY FLIPDNS_UNIT_TESTS ${name})
endfunction()
