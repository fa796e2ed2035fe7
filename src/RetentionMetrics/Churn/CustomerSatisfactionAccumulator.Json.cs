namespace RetentionMetrics.Churn;

// Restore for RetentionMetrics.Serialization.
public sealed partial class CustomerSatisfactionAccumulator
{
    internal void Restore(long responses, long satisfied)
    {
        Responses = responses;
        Satisfied = satisfied;
    }
}
