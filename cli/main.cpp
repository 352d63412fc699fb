#include <iostream>
int main() { std::cout << "lovcen\n"; return 0; }
