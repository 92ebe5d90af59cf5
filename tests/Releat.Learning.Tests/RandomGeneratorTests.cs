using Releat.Learning.Numerics;
using Releat.Randomness;

namespace Releat.Learning.Tests;

public sealed class RandomGeneratorTests
{
    /// <summary>The first ten outputs of the reference xoshiro256** from the state {1, 2, 3, 4} (Blackman and Vigna's C code).</summary>
    private static readonly ulong[] ReferenceFromOneTwoThreeFour =
    [
        11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600,
        16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576,
    ];

    [Fact]
    public void The_generator_gives_the_reference_xoshiro256_starstar_stream()
    {
        var generator = Xoshiro256StarStar.FromState(new RandomState(1, 2, 3, 4));
        ulong[] outputs = new ulong[ReferenceFromOneTwoThreeFour.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = generator.NextUInt64();
        }

        Assert.Equal(ReferenceFromOneTwoThreeFour, outputs);
    }

    [Fact]
    public void A_restored_state_continues_the_stream_exactly_and_the_same_seed_repeats_it()
    {
        var random = new SeededRandom(42);
        for (int i = 0; i < 100; i++)
        {
            random.NextUInt64();
        }

        RandomState saved = random.CaptureState();
        ulong[] expected = [.. Enumerable.Range(0, 50).Select(_ => random.NextUInt64())];

        var resumed = new SeededRandom(7);
        resumed.RestoreState(saved);
        ulong[] continued = [.. Enumerable.Range(0, 50).Select(_ => resumed.NextUInt64())];
        Assert.Equal(expected, continued);

        var first = new SeededRandom(42);
        var second = new SeededRandom(42);
        ulong[] once = [.. Enumerable.Range(0, 20).Select(_ => first.NextUInt64())];
        ulong[] again = [.. Enumerable.Range(0, 20).Select(_ => second.NextUInt64())];
        Assert.Equal(once, again);
    }

    [Fact]
    public void An_all_zero_state_is_refused_because_the_stream_would_stay_zero()
    {
        var random = new SeededRandom(1);
        Assert.Throws<ArgumentException>(() => random.RestoreState(new RandomState(0, 0, 0, 0)));
    }
}
