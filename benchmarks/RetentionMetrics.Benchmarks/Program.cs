using System.Reflection;
using BenchmarkDotNet.Running;

// The executing assembly, not typeof(Program): the referenced CLI has a Program type of its own.
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
