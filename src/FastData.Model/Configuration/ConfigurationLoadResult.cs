namespace FastData.Model.Configuration;

/// <summary>The outcome of loading a configuration folder: a model when valid, otherwise every error found.</summary>
public sealed class ConfigurationLoadResult
{
    internal ConfigurationLoadResult(FastDataModel? model, IReadOnlyList<ConfigurationError> errors)
    {
        Model = errors.Count == 0 ? model : null;
        Errors = errors;
    }

    /// <summary>True when no error was found and <see cref="Model"/> is set.</summary>
    public bool IsValid => Errors.Count == 0 && Model is not null;

    /// <summary>The loaded model; null when any error was found.</summary>
    public FastDataModel? Model { get; }

    /// <summary>Every error found: files in the order they were read, each file's errors by line and column.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }
}
