using Orleans;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Cluster;

[Alias("FastData.Tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> Increment();

    [Alias("GetSilo")]
    Task<string> GetSilo();
}

public sealed class CounterGrain([PersistentState("state")] IPersistentState<CounterState> state, ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<string> GetSilo() => Task.FromResult(silo.SiloAddress.ToParsableString());
}
