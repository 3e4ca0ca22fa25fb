# Project helpers. Every library and every test goes through these, so no
# test is ever built but left unregistered.

function(ffs_add_subdirectory_if_present dir)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
    add_subdirectory(${dir})
  endif()
endfunction()

# ffs_library(NAME SOURCES a.cc b.cc DEPS ffs_base ...)
# One library per layer directory; DEPS name the layers below it only, so a
# wrong-direction include fails to link.
function(ffs_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${A_DEPS})
endfunction()

# ffs_test(NAME SOURCES x_test.cc DEPS ffs_domain [LABELS unit])
# A Catch2 (v2) test binary registered with CTest. The main() comes from
# tests/catch_main.cc, compiled once.
function(ffs_test name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  target_link_libraries(${name} PRIVATE ffs_catch_main ${A_DEPS})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT A_LABELS)
    set(A_LABELS unit)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${A_LABELS}" TIMEOUT 300)
endfunction()
