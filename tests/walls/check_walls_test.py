#!/usr/bin/env python3
"""scripts/check-walls finds each kind of breach in a small tree, and passes a clean one."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECK = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check-walls"


class CheckWalls(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.dir.name)
        self.src = self.root / "src"
        self.graph = self.root / "module_graph.txt"
        self.graph.write_text("identity=\norganization=identity\nbooking=organization\n")
        self.write("platform/include/platform/core/result.h", "#pragma once\n")
        for m in ("identity", "organization", "booking"):
            self.write(f"modules/{m}/include/{m}/{m}_service.h", '#include "platform/core/result.h"\n')
            self.write(f"modules/{m}/include/{m}/register.h", "#pragma once\n")
            self.write(f"modules/{m}/rules/rule.h", "#pragma once\n")
        self.write("modules/booking/booking_service_impl.cpp",
                   '#include "booking/booking_service.h"\n#include "organization/organization_service.h"\n'
                   '#include "rules/rule.h"\n#include <vector>\n')
        self.write("app/app.cpp", '#include "booking/register.h"\n#include "identity/identity_service.h"\n')

    def tearDown(self):
        self.dir.cleanup()

    def write(self, rel, text):
        path = self.src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def check(self):
        run = subprocess.run([sys.executable, str(CHECK), "--graph", str(self.graph), str(self.src)],
                             capture_output=True, text=True)
        return run.returncode, run.stderr

    def assert_breach(self, rel, text, message):
        self.write(rel, text)
        code, err = self.check()
        self.assertEqual(code, 1, err)
        self.assertIn(message, err)

    def test_a_clean_tree_passes(self):
        self.assertEqual(self.check(), (0, ""))

    def test_a_module_not_in_depends(self):
        # booking reaches identity only through organization: it did not declare it.
        self.assert_breach("modules/booking/x.cpp", '#include "identity/identity_service.h"\n',
                           "booking does not depend on identity")

    def test_another_modules_private_rules(self):
        self.assert_breach("modules/booking/x.cpp", '#include "organization/rules/rule.h"\n',
                           "not a public header of organization")

    def test_another_modules_factory(self):
        self.assert_breach("modules/booking/x.cpp", '#include "organization/register.h"\n',
                           "for the composition root only")

    def test_the_old_global_path(self):
        self.assert_breach("modules/booking/x.cpp", '#include "modules/booking/rules/rule.h"\n',
                           "there is no global include path")

    def test_the_platform_including_a_module(self):
        self.assert_breach("platform/db/x.cpp", '#include "booking/booking_service.h"\n',
                           "the platform includes no module")

    def test_a_module_including_the_app(self):
        self.assert_breach("modules/identity/x.cpp", '#include "app/app.h"\n', "only the composition root")

    def test_a_cycle_in_the_graph(self):
        self.graph.write_text("identity=booking\norganization=identity\nbooking=organization\n")
        code, err = self.check()
        self.assertEqual(code, 1)
        self.assertIn("a cycle", err)


if __name__ == "__main__":
    unittest.main(verbosity=1)
