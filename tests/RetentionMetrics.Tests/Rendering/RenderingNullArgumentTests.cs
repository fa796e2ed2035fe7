using System.Reflection;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Cohorts;
using RetentionMetrics.Customers;
using RetentionMetrics.Health;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rendering;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Tests.Rendering;

public class RenderingNullArgumentTests
{
    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var (method, index) in NullableCases())
        {
            data.Add(Describe(method, index));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void PublicMethod_NullArgument_ThrowsNamingTheParameter(string description)
    {
        var (method, index) = NullableCases().Single(c => Describe(c.Method, c.Index) == description);
        var arguments = method.GetParameters().Select(p => Sample(p)).ToArray();
        arguments[index] = null;

        var exception = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, arguments));

        var argumentNull = Assert.IsType<ArgumentNullException>(exception.InnerException);
        Assert.Equal(method.GetParameters()[index].Name, argumentNull.ParamName);
    }

    private static IEnumerable<(MethodInfo Method, int Index)> NullableCases()
    {
        var context = new NullabilityInfoContext();
        foreach (var type in new[] { typeof(SvgCharts), typeof(HtmlViews), typeof(TextViews), typeof(HtmlFragment) })
        {
            foreach (var declared in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (declared.IsSpecialName)
                {
                    continue;
                }

                var method = declared.IsGenericMethodDefinition ? declared.MakeGenericMethod(typeof(string)) : declared;
                var parameters = method.GetParameters();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var p = parameters[i];
                    if (!p.ParameterType.IsValueType && context.Create(p).WriteState == NullabilityState.NotNull)
                    {
                        yield return (method, i);
                    }
                }
            }
        }
    }

    private static string Describe(MethodInfo method, int index) =>
        $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})#{method.GetParameters()[index].Name}";

    private static object? Sample(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue && !type.IsValueType)
        {
            return null;
        }

        return type switch
        {
            _ when type == typeof(string) => "x",
            _ when type == typeof(int) => parameter.Name is "yFeature" ? 1 : 0,
            _ when type == typeof(int?) => null,
            _ when type == typeof(CohortTable) => RenderingData.Cohorts,
            _ when type == typeof(RfmTable<string>) => RenderingData.Rfm,
            _ when type == typeof(IReadOnlyList<RfmSegmentSummary>) => RenderingData.Rfm.Segments,
            _ when type == typeof(IEnumerable<HealthScore>) => RenderingData.Health,
            _ when type == typeof(IReadOnlyList<HealthBand>) => HealthBands.Default,
            _ when type == typeof(FeatureMatrix) => parameter.Name == "centroids" ? RenderingData.Clusters.Centroids : RenderingData.Features.Scaled,
            _ when type == typeof(IReadOnlyList<int>) => RenderingData.Clusters.Assignments,
            _ when type == typeof(KMeansModel) => RenderingData.Clusters,
            _ when type == typeof(KMeansSelection) => RenderingData.Selection,
            _ when type == typeof(RfmFeatureSet<string>) => RenderingData.Features,
            _ when type == typeof(IReadOnlyList<string>) => parameter.Name == "featureNames" ? null : parameter.Name == "headers" ? new[] { "a" } : RenderingData.LifetimeValues.Customers,
            _ when type == typeof(IReadOnlyList<double>) => RenderingData.LifetimeValues.Values,
            _ when type == typeof(IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>>) => RenderingData.Curves,
            _ when type == typeof(KaplanMeierCurve) => RenderingData.Curves[0].Value,
            _ when type == typeof(IReadOnlyDictionary<string, double>) => RenderingData.BgNbd.Parameters,
            _ when type == typeof(ITransactionModel) => RenderingData.BgNbd,
            _ when type == typeof(GammaGammaModel) => new GammaGammaModel(6, 4, 15),
            _ when type == typeof(BetaGeometricBetaBinomialModel) => new BetaGeometricBetaBinomialModel(1, 1, 1, 1),
            _ when type == typeof(ShiftedBetaGeometricModel) => new ShiftedBetaGeometricModel(1, 2),
            _ when type == typeof(IReadOnlyList<long>) => RenderingData.RegularSurvival,
            _ when type == typeof(HoldoutComparison) => RenderingData.Holdout,
            _ when type == typeof(CustomerSummaries<string>) => RenderingData.Summaries,
            _ when type == typeof(CustomerChurnTable) => RenderingData.Churn,
            _ when type == typeof(MrrMovementTable) => RenderingData.Mrr,
            _ when type == typeof(NetPromoterScore) => new NetPromoterScore(1, 1, 0, 0, 100, null),
            _ when type == typeof(CustomerSatisfaction) => new CustomerSatisfaction(1, 1, 1, null),
            _ when type == typeof(IEnumerable<IReadOnlyList<string>>) => new[] { new[] { "1" } },
            _ when type == typeof(LifetimeFitDiagnostics) => null,
            _ when type == typeof(LogRankResult) => null,
            _ when type == typeof(ChartOptions) => null,
            _ => throw new InvalidOperationException($"No sample for {type} ({parameter.Name})."),
        };
    }
}
