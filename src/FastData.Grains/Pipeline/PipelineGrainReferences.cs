using FastData.Grains.Abstractions;
using Orleans.Metadata;

namespace FastData.Grains.Pipeline;

/// <summary>
/// References to the pipeline's grains by their string key. <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> resolves the
/// interface's grain type on every call, reading its attributes and formatting its name by reflection; profiles of the
/// pipeline put that at 2-3 % of its CPU, since every change asks for a reference per single view it refreshes. The
/// interface and grain types are resolved once here, and a reference is then only a grain id.
/// </summary>
public sealed class PipelineGrainReferences(IGrainFactory factory, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver grainTypes)
{
    private Target? _singleView;
    private Target? _projection;

    /// <param name="grainKey">The single view's name and key (<see cref="GrainKeys.Compose"/>).</param>
    public ISingleViewGrain SingleView(string grainKey) => Get<ISingleViewGrain>(ref _singleView, grainKey);

    /// <param name="grainKey">The projection's name and the record's key (<see cref="GrainKeys.Compose"/>).</param>
    public IProjectionGrain Projection(string grainKey) => Get<IProjectionGrain>(ref _projection, grainKey);

    private T Get<T>(ref Target? target, string grainKey)
        where T : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grainKey);

        // Racing first calls resolve the same types: whichever is kept is right.
        target ??= Resolve(typeof(T));
        return (T)factory.GetGrain(GrainId.Create(target.GrainType, grainKey), target.InterfaceType);
    }

    private Target Resolve(Type interfaceType)
    {
        var interfaceId = interfaces.GetGrainInterfaceType(interfaceType);
        return new Target(interfaceId, grainTypes.GetGrainType(interfaceId));
    }

    private sealed record Target(GrainInterfaceType InterfaceType, GrainType GrainType);
}
