using System.Runtime.CompilerServices;

// The tests check the kernel sink that the extension installs.
[assembly: InternalsVisibleTo("RnnNotebooks.Tests")]
