using System.Linq.Expressions;
using System.Reflection;
using NodaTime;
using RetentionMetrics.Churn;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Churn;

/// <summary>Every public operator of the churn area rejects a null required argument at the call, naming it.</summary>
public class ChurnArgumentTests
{
    public static TheoryData<string, string> RequiredArguments()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in Operators())
        {
            foreach (var parameter in method.GetParameters().Where(p => !p.HasDefaultValue && !p.ParameterType.IsValueType))
            {
                data.Add(Describe(method), parameter.Name!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredArguments))]
    public void Operator_NullRequiredArgument_ThrowsNamingIt(string method, string parameter)
    {
        var target = Operators().Single(m => Describe(m) == method);
        var arguments = target.GetParameters().Select(p => p.Name == parameter ? null : Valid(p)).ToArray();

        var error = Assert.Throws<TargetInvocationException>(() => target.Invoke(null, arguments));

        Assert.Equal(parameter, Assert.IsType<ArgumentNullException>(error.InnerException).ParamName);
    }

    [Fact]
    public void Merge_Null_ThrowsNamingOther()
    {
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => new CustomerChurnAccumulator<string>().Merge(null!)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => new MrrMovementAccumulator<string>().Merge(null!)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => new NetPromoterScoreAccumulator().Merge(null!)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => new CustomerSatisfactionAccumulator().Merge(null!)).ParamName);
    }

    [Fact]
    public void Add_NullCustomer_ThrowsNamingCustomer()
    {
        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() => new CustomerChurnAccumulator<string>().Add(null!, new LocalDate(2024, 1, 1))).ParamName);
        Assert.Equal("customer", Assert.Throws<ArgumentNullException>(() => new MrrMovementAccumulator<string>().Add(null!, Instant.FromUtc(2024, 1, 1, 0, 0), 1m)).ParamName);
    }

    private static IEnumerable<MethodInfo> Operators() =>
        new[] { typeof(CustomerChurnExtensions), typeof(MrrMovementExtensions), typeof(SurveyExtensions) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Select(m => m.IsGenericMethodDefinition ? m.MakeGenericMethod(m.GetGenericArguments().Select(_ => typeof(string)).ToArray()) : m);

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType + " " + p.Name))})";

    private static object? Valid(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue)
        {
            return type == typeof(CancellationToken) ? CancellationToken.None : null;
        }

        if (type == typeof(IAsyncEnumerable<string>))
        {
            return new ThrowingAsyncEnumerable<string>();
        }

        if (type == typeof(IEnumerable<string>))
        {
            return Array.Empty<string>();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Func<,>))
        {
            var input = Expression.Parameter(type.GetGenericArguments()[0]);
            return Expression.Lambda(type, Expression.Default(type.GetGenericArguments()[1]), input).Compile();
        }

        throw new InvalidOperationException($"No valid value for {type}.");
    }
}
