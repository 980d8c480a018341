# slotbase_module(<name> SOURCES <file>... [DEPENDS <module>...] [LIBRARIES <target>...])
#
# Declares a module as two targets, as docs/modules.md describes:
#   slotbase_<name>_api  header-only: the module's include/<name>/ folder (service interface, types,
#                        events, and the factory app calls), and the _api targets of DEPENDS;
#   slotbase_<name>      the implementation, linked only by app and tests; its own folder is a
#                        private include path, so repositories, rules and routes stay inside.
# DEPENDS is the module graph: a module may include the public headers of the modules it names
# and no others. The graph is written to module_graph.txt in the build folder, where
# scripts/check-walls (run by every build, see below) reads it.
function(slotbase_module name)
  cmake_parse_arguments(MODULE "" "" "SOURCES;DEPENDS;LIBRARIES" ${ARGN})
  add_library(slotbase_${name}_api INTERFACE)
  target_include_directories(slotbase_${name}_api INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(slotbase_${name}_api INTERFACE slotbase_platform)
  foreach(dep IN LISTS MODULE_DEPENDS)
    target_link_libraries(slotbase_${name}_api INTERFACE slotbase_${dep}_api)
  endforeach()

  add_library(slotbase_${name} STATIC ${MODULE_SOURCES})
  target_include_directories(slotbase_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(slotbase_${name} PUBLIC slotbase_${name}_api PRIVATE ${MODULE_LIBRARIES})

  string(JOIN "," deps ${MODULE_DEPENDS})
  set_property(GLOBAL APPEND PROPERTY SLOTBASE_MODULE_GRAPH "${name}=${deps}")
endfunction()

# Every build checks the walls: each #include in src/ must stay inside the module graph.
function(slotbase_check_walls)
  get_property(graph GLOBAL PROPERTY SLOTBASE_MODULE_GRAPH)
  list(JOIN graph "\n" text)
  file(WRITE ${CMAKE_BINARY_DIR}/module_graph.txt.tmp "${text}\n")
  file(COPY_FILE ${CMAKE_BINARY_DIR}/module_graph.txt.tmp ${CMAKE_BINARY_DIR}/module_graph.txt ONLY_IF_DIFFERENT)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/*.h ${CMAKE_SOURCE_DIR}/src/*.cpp)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/module_walls.stamp
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/check-walls --graph ${CMAKE_BINARY_DIR}/module_graph.txt
            ${CMAKE_SOURCE_DIR}/src
    COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_BINARY_DIR}/module_walls.stamp
    DEPENDS ${sources} ${CMAKE_SOURCE_DIR}/scripts/check-walls ${CMAKE_BINARY_DIR}/module_graph.txt
    COMMENT "Checking the module walls"
    VERBATIM)
  add_custom_target(module_walls ALL DEPENDS ${CMAKE_BINARY_DIR}/module_walls.stamp)
endfunction()
