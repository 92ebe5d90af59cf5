using Releat.Grpc.Server;

namespace Releat.Grpc.Reflection;

/// <summary>
/// Answers the reflection protocol's questions from what is mapped right now. The index is rebuilt when more
/// services have been mapped since it was last built (mapping happens at startup, so this is rare).
/// </summary>
internal sealed class ReflectionResolver(GrpcServiceRegistry registry)
{
    private readonly Lock _gate = new();
    private DescriptorIndex? _index;
    private int _indexedServices = -1;

    public ReflectionAnswer ListServices() => new() { Services = registry.ServiceNames };

    public ReflectionAnswer FileByFilename(string fileName)
    {
        var file = Index().FindFile(fileName);
        return file is null ? ReflectionAnswer.NotFound($"File not found: {fileName}") : Files(file);
    }

    public ReflectionAnswer FileContainingSymbol(string symbol)
    {
        var file = Index().FindFileContainingSymbol(symbol);
        return file is null ? ReflectionAnswer.NotFound($"Symbol not found: {symbol}") : Files(file);
    }

    /// <summary>Proto3 services here declare no extensions, so no extension can be found.</summary>
    public static ReflectionAnswer FileContainingExtension(string containingType, int number) =>
        ReflectionAnswer.NotFound($"Extension not found: {containingType} field {number}");

    public ReflectionAnswer AllExtensionNumbersOfType(string messageType) =>
        Index().IsKnownMessage(messageType)
            ? new ReflectionAnswer { ExtensionBaseType = messageType.TrimStart('.') }
            : ReflectionAnswer.NotFound($"Type not found: {messageType}");

    private static ReflectionAnswer Files(Google.Protobuf.Reflection.FileDescriptor file) => new()
    {
        Files = DescriptorIndex.WithDependencies(file).Select(f => f.SerializedData).ToArray(),
    };

    private DescriptorIndex Index()
    {
        var descriptors = registry.Descriptors;
        lock (_gate)
        {
            if (_index is null || _indexedServices != descriptors.Count)
            {
                _index = new DescriptorIndex(descriptors);
                _indexedServices = descriptors.Count;
            }

            return _index;
        }
    }
}
