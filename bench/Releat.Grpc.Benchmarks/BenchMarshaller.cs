using Grpc.Core;
using Releat.Bench.V1;

namespace Releat.Grpc.Benchmarks;

/// <summary>The marshaller generated code builds for Payload, reached through the generated method definition.</summary>
internal static class BenchMarshaller
{
    public static Marshaller<Payload> Payload { get; } = FindMarshaller();

    private static Marshaller<Payload> FindMarshaller()
    {
        var field = typeof(Releat.Bench.V1.Bench).GetField("__Method_Unary", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
            ?? throw new InvalidOperationException("Generated field Bench.__Method_Unary not found.");
        return ((Method<Payload, Payload>)field.GetValue(null)!).ResponseMarshaller;
    }
}
