using System.Reflection;
using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

/// <summary>Every public method and constructor of the Health area rejects null for a non-nullable parameter, naming it.</summary>
public class HealthNullArgumentTests
{
    private static readonly HealthScoreModel Model = HealthScoreModel.CreateBuilder().Add("a", HealthNormaliser.Boolean()).Build();

    public static TheoryData<string> Members()
    {
        var data = new TheoryData<string>();
        foreach (var (member, parameter) in Cases())
        {
            data.Add(Name(member, parameter));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void PublicMember_NullArgument_ThrowsArgumentNullExceptionNamingIt(string name)
    {
        var (member, parameter) = Cases().Single(c => Name(c.Member, c.Parameter) == name);
        var arguments = member.GetParameters().Select(p => p == parameter ? null : Sample(p.ParameterType)).ToArray();

        var exception = Record.Exception(() =>
        {
            if (member is ConstructorInfo constructor)
            {
                constructor.Invoke(arguments);
            }
            else
            {
                member.Invoke(member.IsStatic ? null : Instance(member.DeclaringType!), arguments);
            }
        });

        var inner = exception is TargetInvocationException { InnerException: { } cause } ? cause : exception;
        var argumentNull = Assert.IsType<ArgumentNullException>(inner);
        Assert.Equal(parameter.Name, argumentNull.ParamName);
    }

    private static IEnumerable<(MethodBase Member, ParameterInfo Parameter)> Cases()
    {
        var nullability = new NullabilityInfoContext();
        var types = typeof(HealthScoreModel).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(HealthScoreModel).Namespace && !t.IsGenericTypeDefinition && !typeof(Exception).IsAssignableFrom(t));
        foreach (var type in types.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var members = type.GetConstructors().Cast<MethodBase>()
                .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(m => !m.IsSpecialName)
                    .Select(m => m.IsGenericMethodDefinition ? m.MakeGenericMethod(m.GetGenericArguments().Select(_ => typeof(string)).ToArray()) : m));
            foreach (var member in members)
            {
                var parameters = member.GetParameters();
                if (parameters.Any(p => p.ParameterType.IsByRefLike || p.ParameterType.IsByRef) || parameters.Any(p => !p.ParameterType.IsValueType && Sample(p.ParameterType) is null && !IsNullable(nullability, p)))
                {
                    continue;
                }

                foreach (var parameter in parameters.Where(p => !p.ParameterType.IsValueType && !IsNullable(nullability, p)))
                {
                    yield return (member, parameter);
                }
            }
        }
    }

    private static string Name(MethodBase member, ParameterInfo parameter) =>
        $"{member.DeclaringType!.Name}.{member.Name}({string.Join(", ", member.GetParameters().Select(p => p.ParameterType.Name))}): {parameter.Name}";

    private static bool IsNullable(NullabilityInfoContext context, ParameterInfo parameter) =>
        context.Create(parameter).WriteState != NullabilityState.NotNull;

    private static object? Instance(Type type) =>
        type == typeof(HealthScoreModel) ? Model
        : type == typeof(HealthScoreModelBuilder) ? HealthScoreModel.CreateBuilder()
        : type == typeof(HealthScore) ? Model.Score([1])
        : type == typeof(HealthComponent) ? Model.Components[0]
        : type == typeof(HealthBand) ? HealthBands.Default[0]
        : Sample(type);

    private static object? Sample(Type type) => type switch
    {
        _ when type == typeof(string) => "a",
        _ when type == typeof(double) => 1d,
        _ when type == typeof(int) => 1,
        _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
        _ when type == typeof(MissingValuePolicy) => MissingValuePolicy.Skip,
        _ when type.IsAssignableFrom(typeof(BooleanNormaliser)) => HealthNormaliser.Boolean(),
        _ when type == typeof(HealthComponent) => Model.Components[0],
        _ when type == typeof(HealthScoreModel) => Model,
        _ when type == typeof(HealthBand) => HealthBands.Default[0],
        _ when type.IsAssignableFrom(typeof(HealthComponent[])) => Model.Components.ToArray(),
        _ when type.IsAssignableFrom(typeof(HealthBand[])) => HealthBands.Default.ToArray(),
        _ when type.IsAssignableFrom(typeof(ThresholdPoint[])) => new ThresholdPoint[] { new(0, 0), new(1, 1) },
        _ when type.IsAssignableFrom(typeof(double[])) => new double[] { 50 },
        _ when type.IsAssignableFrom(typeof(string[])) => new[] { "x", "y" },
        _ when type.IsAssignableFrom(typeof(CustomerHealthScore<string>[])) => Array.Empty<CustomerHealthScore<string>>(),
        _ when type == typeof(IAsyncEnumerable<string>) => new Support.ThrowingAsyncEnumerable<string>(),
        _ when type == typeof(Func<string, string>) => new Func<string, string>(s => s),
        _ when type == typeof(IReadOnlyDictionary<string, Func<string, double?>>) => new Dictionary<string, Func<string, double?>> { ["a"] = _ => 1 },
        _ when type.IsValueType => Activator.CreateInstance(type),
        _ => null,
    };
}
