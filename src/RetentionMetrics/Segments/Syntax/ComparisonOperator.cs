namespace RetentionMetrics.Segments.Syntax;

/// <summary>A comparison between two values.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c> (also written <c>&lt;&gt;</c>)</summary>
    NotEqual,

    /// <summary><c>&lt;</c> (also written <c>before</c> for times)</summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c> (also written <c>after</c> for times)</summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}
