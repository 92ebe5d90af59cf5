using FsCheck;
using FsCheck.Fluent;

namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>One generated row: its kind and the random numbers a format turns into text.</summary>
public sealed record RowPlan(RowKind Kind, int Step, int Move, int Spread, int Choice, byte[] Noise);

/// <summary>
/// One generated import: how many records are already stored, how many of the newest stored ones the file repeats
/// at its start (they must be skipped as already stored), the rows after that, and the line ending.
/// </summary>
public sealed record FilePlan(int Stored, int Replayed, RowPlan[] Rows, bool CrLf)
{
    public static Gen<FilePlan> Generator(IReadOnlyList<RowKind> kinds) =>
        from stored in Gen.Choose(0, 20)
        from replayed in Gen.Choose(0, 3)
        from rows in Gen.ListOf(Row(kinds))
        from crlf in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new FilePlan(stored, Math.Min(stored, replayed), [.. rows], crlf);

    public override string ToString() =>
        $"{Stored} stored, {Replayed} replayed, rows [{string.Join(", ", Rows.Select(r => r.Kind))}]";

    private static Gen<RowPlan> Row(IReadOnlyList<RowKind> kinds) =>
        from kind in Gen.Frequency([(12, Gen.Constant(RowKind.Good)), .. kinds.Select(k => (1, Gen.Constant(k)))])
        from step in Gen.Frequency(
            (2, Gen.Constant(0)),
            (5, Gen.Choose(1, 1_000)),
            (3, Gen.Choose(1_000, 600_000)),
            (1, Gen.Choose(600_000, 21_600_000)))
        from move in Gen.Choose(-40, 40)
        from spread in Gen.Choose(0, 30)
        from choice in Gen.Choose(0, 1_000_000)
        from noise in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        select new RowPlan(kind, step, move, spread, choice, noise);
}
