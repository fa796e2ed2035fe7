namespace RetentionMetrics.Churn;

/// <summary>How survey answers are scored: the confidence level and, for CSAT, the scale and the satisfied threshold.</summary>
/// <remarks>NPS always uses the 0–10 scale with promoters 9–10, passives 7–8 and detractors 0–6.</remarks>
public sealed record SurveyOptions
{
    /// <summary>The defaults: 95% intervals, CSAT on 1–5 with 4 and 5 counted as satisfied.</summary>
    public static SurveyOptions Default { get; } = new();

    /// <summary>The confidence level of the intervals, strictly between 0 and 1. 0.95 by default.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The lowest CSAT answer. 1 by default.</summary>
    public int CsatMinimum { get; init; } = 1;

    /// <summary>The highest CSAT answer. 5 by default.</summary>
    public int CsatMaximum { get; init; } = 5;

    /// <summary>The lowest CSAT answer counted as satisfied. 4 by default.</summary>
    public int CsatSatisfiedFrom { get; init; } = 4;

    internal void Validate(string parameterName)
    {
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException("The confidence level must lie strictly between 0 and 1.", parameterName);
        }

        if (CsatMinimum >= CsatMaximum)
        {
            throw new ArgumentException("The CSAT minimum must be below the maximum.", parameterName);
        }

        if (CsatSatisfiedFrom < CsatMinimum || CsatSatisfiedFrom > CsatMaximum)
        {
            throw new ArgumentException("The CSAT satisfied threshold must lie on the scale.", parameterName);
        }
    }
}
