using Releat.Learning.Layers;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;
using Releat.Randomness;

namespace Releat.Learning.Tests;

/// <summary>Every layer's backward pass agrees with central finite differences in double precision.</summary>
public sealed class LayerGradientTests
{
    [Theory]
    [InlineData(3, 7, 5)] // outputs ≥ vector width: the transposed-weight path
    [InlineData(5, 4, 2)] // narrow outputs: the dot-product path
    [InlineData(6, 1, 9)] // fewer inputs than a vector: the weight gradient goes through dWᵀ = Xᵀ·dY
    [InlineData(5, 3, 8)]
    public void Linear_matches_finite_differences(int batch, int inputs, int outputs)
    {
        var store = new ParameterStore<double>();
        var layer = new Linear<double>(store, "fc", inputs, outputs, batch);
        GradientCheck.RandomiseParameters(store, 11);
        GradientCheck.Layer(layer, store, batch, 12);
    }

    [Fact]
    public void A_first_layer_skips_its_input_gradient_but_not_its_weight_gradient()
    {
        var store = new ParameterStore<float>();
        var first = new Linear<float>(store, "fc", 4, 16, 8) { ComputesInputGradient = false };
        first.Forward(new float[8 * 4], 8, training: true);
        Assert.True(first.Backward(new float[8 * 16], 8).IsEmpty);

        var checkedStore = new ParameterStore<double>();
        var layer = new Linear<double>(checkedStore, "fc", 2, 8, 3) { ComputesInputGradient = false };
        GradientCheck.RandomiseParameters(checkedStore, 30);
        checkedStore.ZeroGradients();
        double[] x = [0.5, -1, 2, 0.25, -0.75, 1.5];
        double[] dy = [.. Enumerable.Range(0, 24).Select(i => (i % 5) - 2.0)];
        layer.Forward(x, 3, training: true);
        layer.Backward(dy, 3);
        for (int o = 0; o < 8; o++)
        {
            for (int i = 0; i < 2; i++)
            {
                double expected = 0;
                for (int b = 0; b < 3; b++)
                {
                    expected += dy[(b * 8) + o] * x[(b * 2) + i];
                }

                Assert.Equal(expected, checkedStore.GradientsOf(layer.Weight)[(o * 2) + i], 12);
            }
        }
    }

    [Fact]
    public void Tanh_matches_finite_differences() => GradientCheck.Layer(new Tanh<double>(6, 4), null, 4, 1);

    [Fact]
    public void Sigmoid_matches_finite_differences() => GradientCheck.Layer(new Sigmoid<double>(6, 4), null, 4, 2);

    [Fact]
    public void Relu_matches_finite_differences() => GradientCheck.Layer(new Relu<double>(6, 4), null, 4, 3);

    [Fact]
    public void LeakyRelu_matches_finite_differences() => GradientCheck.Layer(new LeakyRelu<double>(6, 4, 0.1), null, 4, 4);

    [Fact]
    public void Elu_matches_finite_differences() => GradientCheck.Layer(new Elu<double>(6, 4), null, 4, 5);

    [Fact]
    public void Gelu_matches_finite_differences() => GradientCheck.Layer(new Gelu<double>(6, 4), null, 4, 20);

    [Fact]
    public void Silu_matches_finite_differences() => GradientCheck.Layer(new Silu<double>(6, 4), null, 4, 21);

    [Fact]
    public void Softmax_matches_finite_differences() => GradientCheck.Layer(new Softmax<double>(5, 3), null, 3, 6);

    [Fact]
    public void GatedLinearUnit_matches_finite_differences() => GradientCheck.Layer(new GatedLinearUnit<double>(4, 3), null, 3, 7);

    [Fact]
    public void LayerNorm_matches_finite_differences()
    {
        var store = new ParameterStore<double>();
        var layer = new LayerNorm<double>(store, "norm", 7, 3);
        GradientCheck.RandomiseParameters(store, 8);
        GradientCheck.Layer(layer, store, 3, 9);
    }

    [Fact]
    public void Dropout_matches_finite_differences_with_its_mask_replayed()
    {
        var random = new SeededRandom(10);
        RandomState state = random.CaptureState();
        var layer = new Dropout<double>(8, 4, 0.3, random);
        GradientCheck.Layer(layer, null, 4, 11, training: true, beforeForward: () => random.RestoreState(state));
    }

    [Fact]
    public void Mlp_matches_finite_differences()
    {
        var store = new ParameterStore<double>();
        var mlp = new Sequential<double>(
            new Linear<double>(store, "0", 4, 8, 5),
            new Tanh<double>(8, 5),
            new Linear<double>(store, "2", 8, 8, 5),
            new Tanh<double>(8, 5),
            new Linear<double>(store, "4", 8, 3, 5));
        GradientCheck.RandomiseParameters(store, 12);
        GradientCheck.Layer(mlp, store, 5, 13);
    }

    [Theory]
    [InlineData(5, 4, ActivationFunction.Elu)] // input width differs from output: skip projection
    [InlineData(4, 4, ActivationFunction.Elu)] // same width: identity skip
    [InlineData(5, 4, ActivationFunction.Gelu)]
    [InlineData(4, 4, ActivationFunction.Silu)]
    public void GatedResidualNetwork_matches_finite_differences(int inputs, int outputs, ActivationFunction activation)
    {
        var store = new ParameterStore<double>();
        var random = new SeededRandom(14);
        RandomState state = random.CaptureState();
        var grn = new GatedResidualNetwork<double>(store, "grn", inputs, 6, outputs, 0.2, random, 3, activation);
        GradientCheck.RandomiseParameters(store, 15);
        GradientCheck.Layer(grn, store, 3, 16, training: true, beforeForward: () => random.RestoreState(state));
    }

    [Theory]
    [InlineData(ActivationFunction.Elu, null)]
    [InlineData(ActivationFunction.Gelu, 7)] // a selector wider than the encodings (variable_selection.hidden)
    public void VariableSelectionNetwork_matches_finite_differences(ActivationFunction encoderActivation, int? selectorHidden)
    {
        var store = new ParameterStore<double>();
        var random = new SeededRandom(17);
        RandomState state = random.CaptureState();
        var vsn = new VariableSelectionNetwork<double>(store, "vsn", [3, 2, 1], 4, 0.1, random, 3, encoderActivation, selectorHidden);
        Assert.Equal([selectorHidden ?? 4, 6], store.Tensors.Single(t => t.Name == "vsn.selector.hidden.weight").Shape);
        GradientCheck.RandomiseParameters(store, 18);
        GradientCheck.Layer(vsn, store, 3, 19, training: true, beforeForward: () => random.RestoreState(state));
    }

    [Fact]
    public void VariableSelectionNetwork_weights_are_a_distribution_per_row()
    {
        var store = new ParameterStore<double>();
        var vsn = new VariableSelectionNetwork<double>(store, "vsn", [3, 2, 1], 4, 0.0, new SeededRandom(1), 5);
        vsn.Initialise(new SeededRandom(2));
        vsn.Forward(GradientCheck.Gaussian(new SeededRandom(3), 5 * 6), 5, training: false);
        for (int r = 0; r < 5; r++)
        {
            double sum = 0;
            for (int j = 0; j < 3; j++)
            {
                double w = vsn.LastVariableWeights[(r * 3) + j];
                Assert.InRange(w, 0.0, 1.0);
                sum += w;
            }

            Assert.Equal(1.0, sum, 12);
        }
    }
}
