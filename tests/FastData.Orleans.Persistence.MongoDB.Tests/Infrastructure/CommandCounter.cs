using System.Collections.Concurrent;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;

namespace FastData.Orleans.Persistence.MongoDB.Tests;

/// <summary>Counts the commands a driver client sends, by command name, through the driver's command events.</summary>
internal sealed class CommandCounter
{
    private readonly ConcurrentQueue<string> _commands = new();

    public void Attach(MongoClientSettings settings)
        => settings.ClusterConfigurator = builder => builder.Subscribe<CommandStartedEvent>(e => _commands.Enqueue(e.CommandName));

    public int Count(string commandName) => _commands.Count(c => c == commandName);

    public void Reset() => _commands.Clear();
}
