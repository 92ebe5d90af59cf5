using System.Text.Json;
using Releat.Agents.Config;
using Releat.Features.Transforms;

namespace Releat.Features.Tests;

public sealed class TransformTests
{
    [Fact]
    public void Percentiles_interpolate_linearly_like_numpy()
    {
        double[] sorted = [.. new[] { 3.0, -1.0, 7.5, 2.25, 0.0, 10.0, -4.0, 5.0, 1.0, 8.0, 6.5 }.Order()];

        // numpy.percentile(x, p) with the default linear method.
        (double Percent, double Expected)[] cases =
            [(0, -4.0), (0.5, -3.85), (10, -1.0), (25, 0.5), (50, 3.0), (77.7, 7.2700000000000005), (99.5, 9.899999999999999), (100, 10.0)];
        foreach ((double percent, double expected) in cases)
        {
            Assert.Equal(expected, Percentiles.OfSorted(sorted, percent), 12);
        }
    }

    [Fact]
    public void Tail_compression_is_the_documented_piecewise_function()
    {
        Assert.Equal(1.5, TailCompression.Compress(1.5));
        Assert.Equal(2.0, TailCompression.Compress(2.0));
        Assert.Equal(2.25, TailCompression.Compress(2.5));
        Assert.Equal(2.5, TailCompression.Compress(3.0));
        Assert.Equal(2.5 + (Math.Log(8) / 2), TailCompression.Compress(10), 14);
        Assert.Equal(-TailCompression.Compress(7.3), TailCompression.Compress(-7.3));
        double previous = double.NegativeInfinity;
        for (double z = -50; z <= 50; z += 0.01)
        {
            double c = TailCompression.Compress(z);
            Assert.True(c > previous, $"not increasing at {z}");
            previous = c;
        }

        // Continuous at the knots and with matching slopes at 3.
        Assert.Equal(TailCompression.Compress(3 - 1e-9), TailCompression.Compress(3 + 1e-9), 8);
        double slopeBelow = (TailCompression.Compress(3) - TailCompression.Compress(3 - 1e-6)) / 1e-6;
        double slopeAbove = (TailCompression.Compress(3 + 1e-6) - TailCompression.Compress(3)) / 1e-6;
        Assert.Equal(slopeBelow, slopeAbove, 5);
    }

    [Fact]
    public void A_fitted_transform_standardises_its_training_data()
    {
        var random = new Random(7);
        float[] train = [.. Enumerable.Range(0, 5000).Select(_ => (float)(Math.Exp(random.NextDouble() * 4) - 3))];
        FeatureTransform transform = TransformFitter.Fit("x", new TransformConfig(new PercentileRange(1, 99), true, true, false, null), train);
        double[] output = [.. train.Select(v => (double)transform.Apply(v))];
        double mean = output.Average();
        double std = Math.Sqrt(output.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(0, mean, 5);
        Assert.Equal(1, std, 5);
        Assert.NotNull(transform.Lambda);
        Assert.True(transform.ClipLower < transform.ClipUpper);
    }

    [Fact]
    public void A_column_constant_in_training_maps_to_zero()
    {
        FeatureTransform transform = TransformFitter.Fit("flat", new TransformConfig(null, true, true, true, 5), [0.25f, 0.25f, 0.25f, 0.25f]);
        Assert.True(transform.Constant);
        Assert.Equal(0f, transform.Apply(0.25f));
        Assert.Equal(0f, transform.Apply(100f));
    }

    [Fact]
    public void Fitted_parameters_survive_json_exactly()
    {
        var random = new Random(9);
        float[] train = [.. Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 10))];
        FeatureTransform transform = TransformFitter.Fit("x", new TransformConfig(new PercentileRange(0.5, 99.5), true, true, true, 5), train);
        FeatureTransform? copy = JsonSerializer.Deserialize<FeatureTransform>(JsonSerializer.Serialize(transform));
        Assert.Equal(transform, copy);
    }
}
