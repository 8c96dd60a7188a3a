using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Hosting;

/// <summary>Registers <see cref="MongoReadModelStore"/> for the API.</summary>
public static class MongoDBReadModelServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="MongoReadModelStore"/>; its options are validated when first resolved.</summary>
    public static IServiceCollection AddMongoDBReadModelStore(this IServiceCollection services, Action<MongoDBReadModelOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<MongoDBReadModelOptions>()
            .Configure(configureOptions)
            .Validate(o => MongoClientFactory.Validate(o.ConnectionString) is null, $"MongoDB read-model store: {nameof(MongoDBReadModelOptions.ConnectionString)} is missing or invalid.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabaseName), $"MongoDB read-model store: {nameof(MongoDBReadModelOptions.DatabaseName)} is required.")
            .Validate(o => o.Limits is { DefaultLimit: > 0, MaxLimit: > 0, MaxSkip: >= 0 } l && l.DefaultLimit <= l.MaxLimit, $"MongoDB read-model store: {nameof(MongoDBReadModelOptions.Limits)} must have 0 < DefaultLimit <= MaxLimit and MaxSkip >= 0.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MongoDBReadModelOptions>>().Value;
            var database = MongoClientFactory.Create(options.ConnectionString, options.ConfigureClientSettings).GetDatabase(options.DatabaseName);
            return new MongoReadModelStore(database, options.Limits);
        });
        return services;
    }
}
