namespace Grpc.Core;

/// <summary>
/// A service's methods bound to one instance, as built by generated <c>BindService(impl)</c>. Hosting here creates
/// services per call, so this exists for generated code to compile and for code that wants to replay the bindings.
/// </summary>
public partial class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings) => _bindings = bindings;

    public static Builder CreateBuilder() => new();

    /// <summary>Replays every AddMethod call onto <paramref name="serviceBinder"/>.</summary>
    public void BindService(ServiceBinderBase serviceBinder)
    {
        ArgumentNullException.ThrowIfNull(serviceBinder);
        foreach (var bind in _bindings)
        {
            bind(serviceBinder);
        }
    }
}
