using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Checks the clustering options at start, naming the provider and the option.</summary>
internal sealed class MongoDBMembershipOptionsValidator(IOptions<MongoDBMembershipOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        var errors = new List<string>();
        if (MongoClientFactory.Validate(value.ConnectionString) is { } problem)
        {
            errors.Add($"{nameof(MongoDBMembershipOptions.ConnectionString)} {problem}");
        }

        if (string.IsNullOrWhiteSpace(value.DatabaseName))
        {
            errors.Add($"{nameof(MongoDBMembershipOptions.DatabaseName)} is required");
        }

        if (string.IsNullOrWhiteSpace(value.CollectionName) || value.CollectionName.StartsWith('$'))
        {
            errors.Add($"{nameof(MongoDBMembershipOptions.CollectionName)} must be a valid collection name");
        }

        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException($"Invalid configuration for MongoDB clustering: {string.Join("; ", errors)}.");
        }
    }
}
