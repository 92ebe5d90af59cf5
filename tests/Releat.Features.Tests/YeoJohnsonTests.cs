using System.Diagnostics;
using System.Globalization;
using Releat.Features.Transforms;
using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>
/// Reference values were computed independently with Debian's python3-scipy 1.10.1 (stats.yeojohnson,
/// stats.yeojohnson_normmax, stats.yeojohnson_llf) and are hard-coded, so only the cross-check on fresh data runs Python
/// (skipped, with the reason, where scipy is missing).
/// </summary>
public sealed class YeoJohnsonTests
{
    private static readonly double[] RightSkewed =
    [
        1.276055, 0.435184, 1.822777, 2.122197, 0.209962, 0.352839, 1.107685, 0.776472, 0.986649, 0.505385, 2.02085,
        1.863085, 1.054245, 2.464017, 1.453548, 0.502865, 1.343127, 0.464355, 2.019319, 0.960846, 0.862526, 0.57999,
        2.659221, 0.883712, 0.709878, 0.754495, 1.530887, 1.339579, 1.391227, 1.411505, 5.547337, 0.722432, 0.663787,
        0.521515, 1.636866, 2.467432, 0.912873, 0.510622, 0.517066, 1.682826,
    ];

    private static readonly double[] MixedSign =
    [
        1.959797, 0.997937, -0.143474, 0.224185, 0.098608, 0.205913, 2.820623, 0.212448, 1.603083, 0.06406, 0.31339,
        1.368938, -3.518196, -0.000676, -0.021404, -0.117617, -3.2e-05, 10.626065, -0.467105, 3.616343, -5.883695,
        -0.001223, 0.140637, 1.169487, 1.776263, 2.27152, -0.001924, -0.019151, 2.720326, 0.000404, -2.158111,
        -1.378275, -0.600052, 0.834204, 0.120866, 1.663742, -0.011138, 0.136374, 1.342558, -0.000418,
    ];

    private static readonly double[] LeftSkewed =
    [
        8.6847, 9.327771, 9.19574, 9.204705, 9.512031, 8.660651, 9.245456, 8.992475, 8.665645, 8.692759, 8.509322,
        9.057379, 9.224292, 9.046705, 9.636654, 9.580322, 9.547795, 9.450281, 8.728923, 9.419164, 9.202998, 7.819538,
        9.192457, 8.443392, 9.428888, 9.115968, 9.434482, 9.184064, 8.344365, 9.645268, 8.702221, 8.846684, 9.299871,
        9.580056, 8.955772, 9.272176, 8.85018, 8.986802, 7.385514, 9.133777,
    ];

    public static TheoryData<double, double[]> FixedLambdas => new()
    {
        { 0.5, [-5.697294364012261, -0.20968942534159898, 0.0, 0.28035085019827566, 2.4721359549995796] },
        { 0.0, [-9.625, -0.21999999999999997, 0.0, 0.262364264467491, 1.6094379124341003] },
        { 2.0, [-1.504077396776274, -0.18232155679395465, 0.0, 0.345, 12.0] },
        { -1.3, [-43.05677820913416, -0.25004488044334483, 0.0, 0.2223026029617877, 0.67430248265846] },
        { 2.7, [-0.9300851591781993, -0.17116670423897842, 0.0, 0.3817429616241073, 28.196012162963413] },
    };

    [Theory]
    [MemberData(nameof(FixedLambdas))]
    public void Transform_matches_scipy_for_a_given_lambda(double lambda, double[] expected)
    {
        double[] x = [-3.5, -0.2, 0.0, 0.3, 4.0];
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(expected[i], YeoJohnson.Transform(x[i], lambda), 1e-13);
        }
    }

    [Theory]
    [InlineData("right_skewed", -0.8681890192682586, 6.8442225092206055)]
    [InlineData("mixed_sign", 0.8648985575217805, -33.54272412284095)]
    [InlineData("left_skewed", 10.200702221323818, 29.443445409020455)]
    public void Maximum_likelihood_lambda_and_log_likelihood_match_scipy(string set, double scipyLambda, double scipyLlfAt07)
    {
        double[] data = Data(set);
        AssertClose(scipyLlfAt07, YeoJohnson.LogLikelihood(data, 0.7), 1e-12);

        // Both optimisers stop within 1.48e-8 (relative) of the same maximum; the likelihood is flat there.
        double lambda = YeoJohnson.FitLambda(data);
        Assert.True(Math.Abs(lambda - scipyLambda) < 1e-6 * Math.Max(1, Math.Abs(scipyLambda)), $"lambda {lambda}, scipy {scipyLambda}");
        Assert.True(YeoJohnson.LogLikelihood(data, lambda) >= YeoJohnson.LogLikelihood(data, scipyLambda) - 1e-9);
    }

    [Fact]
    public void Transformed_values_at_the_fitted_lambda_match_scipy()
    {
        double lambda = YeoJohnson.FitLambda(RightSkewed);
        double[] scipy = [0.5878171099440797, 0.31011720381848173, 0.6839657667246575, 0.7231750008709277];
        for (int i = 0; i < scipy.Length; i++)
        {
            AssertClose(scipy[i], YeoJohnson.Transform(RightSkewed[i], lambda), 1e-7);
        }
    }

    [PythonModuleFact("scipy", "scripts/install-prerequisites.sh")]
    public void Lambda_agrees_with_scipy_on_fresh_data_when_python_scipy_is_installed()
    {
        var random = new Random(12345);
        double[] data = [.. Enumerable.Range(0, 300).Select(_ => Math.Exp(random.NextDouble() * 3) - 2 + (random.NextDouble() * 0.5))];
        double expected = double.Parse(RunScipy(data), CultureInfo.InvariantCulture);
        double lambda = YeoJohnson.FitLambda(data);
        Assert.True(Math.Abs(lambda - expected) < 1e-6 * Math.Max(1, Math.Abs(expected)), $"lambda {lambda}, scipy {expected}");
    }

    private static double[] Data(string set) => set switch
    {
        "right_skewed" => RightSkewed,
        "mixed_sign" => MixedSign,
        _ => LeftSkewed,
    };

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static string RunScipy(double[] data)
    {
        string values = string.Join(",", data.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var start = new ProcessStartInfo(PythonModuleFactAttribute.Python, ["-c", "import sys; from scipy import stats; print(repr(float(stats.yeojohnson_normmax([float(v) for v in sys.stdin.read().split(',')]))))"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        process.StandardInput.Write(values);
        process.StandardInput.Close();
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd().Trim();
        Assert.True(process.WaitForExit(60_000), "scipy did not answer within 60 s");
        Assert.True(process.ExitCode == 0, $"scipy failed ({process.ExitCode}): {error.Result}");
        return output;
    }
}
