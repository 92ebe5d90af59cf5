using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// FsCheck with a fixed seed and a fixed number of cases, so a run is bounded in time and a failure replays
/// identically. <see cref="Check{T}"/> runs a synchronous property; <see cref="Sample{T}"/> draws the same kind of
/// seeded cases for properties that must await (network calls), which FsCheck's runner does not.
/// </summary>
internal static class SeededCases
{
    // Any odd gamma works for SplitMix; a fixed one keeps the stream of cases stable across runs.
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Runs the property on exactly <paramref name="cases"/> generated inputs; returns how many ran.</summary>
    public static int Check<T>(Gen<T> generator, int cases, ulong seed, Action<T> property)
    {
        var ran = 0;
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None)));
        Prop.ForAll(generator.ToArbitrary(), (T input) =>
        {
            ran++;
            property(input);
            return true;
        }).Check(config);
        return ran;
    }

    /// <summary>Exactly <paramref name="cases"/> inputs drawn with the seed, sizes spread as FsCheck would.</summary>
    public static T[] Sample<T>(Gen<T> generator, int cases, ulong seed, int size = 100) =>
        generator.Sample(cases, new Rnd(seed, Gamma), size);
}
