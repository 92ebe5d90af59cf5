using FsCheck;
using FsCheck.Fluent;

namespace Releat.Security.Tests.Fuzz.Checkpoints;

/// <summary>
/// One mutated checkpoint: its bytes, what was done, and the tensor a single mutation aimed at (whose name the
/// error must then carry).
/// </summary>
internal sealed record SafeTensorsCase(byte[] Bytes, string Mutations, SafeTensorsMutationKind[] Kinds, string? Tensor)
{
    private static readonly (int Weight, SafeTensorsMutationKind Kind)[] Weights =
    [
        (4, SafeTensorsMutationKind.LengthPrefix), (4, SafeTensorsMutationKind.Dtype), (3, SafeTensorsMutationKind.RemoveField),
        (6, SafeTensorsMutationKind.Shape), (8, SafeTensorsMutationKind.Offsets), (3, SafeTensorsMutationKind.Metadata),
        (3, SafeTensorsMutationKind.ExtraTensor), (3, SafeTensorsMutationKind.DuplicateName), (3, SafeTensorsMutationKind.RenameTensor),
        (1, SafeTensorsMutationKind.HeaderNotAnObject), (2, SafeTensorsMutationKind.HeaderGarbage), (1, SafeTensorsMutationKind.DeepNesting),
        (4, SafeTensorsMutationKind.HeaderBytes), (4, SafeTensorsMutationKind.Truncate), (3, SafeTensorsMutationKind.Extend),
        (4, SafeTensorsMutationKind.DataBytes),
    ];

    public static Gen<SafeTensorsCase> Generator(byte[] valid) =>
        from count in Gen.Frequency((7, Gen.Constant(1)), (3, Gen.Constant(2)))
        from kinds in Gen.ListOf(Gen.Frequency([.. Weights.Select(w => (w.Weight, Gen.Constant(w.Kind)))]), count)
        from seed in Gen.Choose(0, int.MaxValue)
        select SafeTensorsMutator.Apply(valid, [.. kinds], seed);

    public override string ToString() => Mutations;
}
