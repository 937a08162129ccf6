#ifndef ASSESS_CYAML_SHIM_H
#define ASSESS_CYAML_SHIM_H
#include <yaml.h>
#endif
