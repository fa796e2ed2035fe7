namespace RetentionMetrics.Segments.Syntax;

/// <summary>Where a piece of rule text starts: a 0-based offset and a 1-based line and column.</summary>
/// <param name="Offset">The 0-based character offset in the source text.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column (in characters).</param>
/// <remarks><c>default</c> (all zero) means "no source", as for nodes built in code.</remarks>
public readonly record struct SourcePosition(int Offset, int Line, int Column);
