// The object that carries the tests' precompiled headers (tests/
// CMakeLists.txt): GoogleTest, GoogleMock and Abseil's status types, which
// every test includes, are compiled once instead of once per test.
