namespace Grpc.Core;

/// <summary>Factory the generated code calls to build its marshallers.</summary>
public static class Marshallers
{
    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer) =>
        new(serializer, deserializer);

    public static Marshaller<T> Create<T>(
        Action<T, SerializationContext> serializer,
        Func<DeserializationContext, T> deserializer) =>
        new(serializer, deserializer);

    /// <summary>UTF-8 strings as payloads; handy for raw tests.</summary>
    public static Marshaller<string> StringMarshaller { get; } = new(
        System.Text.Encoding.UTF8.GetBytes,
        System.Text.Encoding.UTF8.GetString);
}
