using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Checks a grain storage provider's options at silo start, naming the provider and the option.</summary>
internal sealed class MongoDBGrainStorageOptionsValidator(MongoDBGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var errors = new List<string>();
        if (MongoClientFactory.Validate(options.ConnectionString) is { } problem)
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.ConnectionString)} {problem}");
        }

        if (string.IsNullOrWhiteSpace(options.DatabaseName))
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.DatabaseName)} is required");
        }

        if (string.IsNullOrWhiteSpace(options.VersionFieldName) || options.VersionFieldName.StartsWith('$') || options.VersionFieldName.Contains('.') || options.VersionFieldName == "_id")
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.VersionFieldName)} must be a plain top-level field name other than _id");
        }

        if (!options.DeleteStateOnClear && (string.IsNullOrWhiteSpace(options.TombstoneFieldName) || options.TombstoneFieldName.StartsWith('$') || options.TombstoneFieldName.Contains('.')))
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.TombstoneFieldName)} must be a plain top-level field name");
        }

        if (options.GroupCommitWindow < TimeSpan.Zero || options.GroupCommitWindow > TimeSpan.FromSeconds(1))
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.GroupCommitWindow)} must be between 0 and 1 s");
        }

        if (options.GroupCommitMaxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.GroupCommitMaxBatchSize)} must be between 1 and 100000");
        }

        if (options.GroupCommitMaxConcurrentBatches is < 1 or > 256)
        {
            errors.Add($"{nameof(MongoDBGrainStorageOptions.GroupCommitMaxConcurrentBatches)} must be between 1 and 256");
        }

        foreach (var index in options.Indexes)
        {
            if (MongoIndexManager.Validate(index) is { } indexProblem)
            {
                errors.Add($"{nameof(MongoDBGrainStorageOptions.Indexes)}['{index.EffectiveName}']: {indexProblem}");
            }
        }

        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                $"Invalid configuration for MongoDB grain storage '{name}': {string.Join("; ", errors)}.");
        }
    }
}
