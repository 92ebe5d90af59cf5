using FsCheck;
using FsCheck.Fluent;

namespace Releat.Security.Tests.Fuzz.Datasets;

/// <summary>One damaged dataset: the bytes of each of its files (null: the file is deleted) and what was done.</summary>
internal sealed record DatasetCase(IReadOnlyDictionary<string, byte[]?> Files, string Mutations)
{
    private static readonly (int Weight, DatasetMutationKind Kind)[] Weights =
    [
        (8, DatasetMutationKind.MetadataField), (1, DatasetMutationKind.MetadataRoot), (4, DatasetMutationKind.MetadataText),
        (6, DatasetMutationKind.ArrayHeader), (5, DatasetMutationKind.ArrayLength), (4, DatasetMutationKind.TimesOrder),
        (1, DatasetMutationKind.DeleteFile), (3, DatasetMutationKind.DataBytes), (2, DatasetMutationKind.ConsistentResize),
    ];

    public static Gen<DatasetCase> Generator(IReadOnlyDictionary<string, byte[]> pristine) =>
        from count in Gen.Frequency((7, Gen.Constant(1)), (3, Gen.Constant(2)))
        from kinds in Gen.ListOf(Gen.Frequency([.. Weights.Select(w => (w.Weight, Gen.Constant(w.Kind)))]), count)
        from seed in Gen.Choose(0, int.MaxValue)
        select DatasetMutator.Apply(pristine, [.. kinds], seed);

    public override string ToString() => Mutations;
}
