namespace RetentionMetrics.Cli.Verbs;

/// <summary>The models <c>retention clv</c> fits.</summary>
internal enum ClvModelKind
{
    BgNbd,
    MbgNbd,
    ParetoNbd,
    BgBb,
    Sbg,
    GammaGamma,
}
