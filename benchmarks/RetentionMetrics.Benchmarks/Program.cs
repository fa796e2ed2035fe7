using System.Reflection;
using BenchmarkDotNet.Running;

// The entry assembly, not typeof(Program): the CLI project referenced here has a Program type of its own.
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
