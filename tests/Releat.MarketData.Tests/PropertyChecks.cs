using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Releat.MarketData.Tests;

/// <summary>Runs FsCheck properties from plain facts with a fixed seed, so a failure replays identically.</summary>
internal static class PropertyChecks
{
    public static void Check<T>(Arbitrary<T> arbitrary, Func<T, bool> property, int maxTests = 100, ulong seed = 20240304)
    {
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTests)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL | 1), FSharpOption<int>.None)));
        Prop.ForAll(arbitrary, property).Check(config);
    }
}
