using FastData.Model.Aggregation;
using FastData.Model.Casting;
using FastData.Model.Strategies;

namespace FastData.Model.Configuration;

/// <summary>
/// C# functions the configuration may name: custom cast functions (<c>castFunction</c>), aggregation functions
/// (<c>__fromFile__[name]</c> in mappings), custom strategies (<c>__fromFile__[name]</c> as a
/// projectionChangesSchema identifier) and single-view validators (<c>validator</c>). Register before loading.
/// </summary>
public sealed class CustomFunctionRegistry
{
    private readonly Dictionary<string, CastFunction> _casts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AggregationFunction> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SingleViewValidator> _validators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StrategyFunction> _strategies = new(StringComparer.Ordinal);

    /// <summary>Registers a cast function; a built-in name cannot be replaced.</summary>
    public CustomFunctionRegistry AddCast(string name, CastFunction cast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(cast);
        if (CastFunctions.TryGetBuiltIn(name, out _))
        {
            throw new ArgumentException($"'{name}' is a built-in cast function and cannot be replaced.", nameof(name));
        }

        _casts[name] = cast;
        return this;
    }

    /// <summary>Registers an aggregation function for <c>__fromFile__[name]</c>.</summary>
    public CustomFunctionRegistry AddAggregationFunction(string name, AggregationFunction function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        _functions[name] = function;
        return this;
    }

    /// <summary>Registers a single-view validator.</summary>
    public CustomFunctionRegistry AddValidator(string name, SingleViewValidator validator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(validator);
        _validators[name] = validator;
        return this;
    }

    /// <summary>Registers a custom strategy for projectionChangesSchema.json <c>"identifier": "__fromFile__[name]"</c>.</summary>
    public CustomFunctionRegistry AddStrategy(string name, StrategyFunction strategy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(strategy);
        _strategies[name] = strategy;
        return this;
    }

    /// <summary>Finds a custom strategy.</summary>
    public bool TryGetStrategy(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StrategyFunction? strategy) =>
        _strategies.TryGetValue(name, out strategy);

    /// <summary>Finds a cast function, built-in or custom.</summary>
    public bool TryGetCast(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CastFunction? cast) =>
        CastFunctions.TryGetBuiltIn(name, out cast) || _casts.TryGetValue(name, out cast);

    /// <summary>Finds an aggregation function.</summary>
    public bool TryGetAggregationFunction(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AggregationFunction? function) =>
        _functions.TryGetValue(name, out function);

    /// <summary>Finds a validator.</summary>
    public bool TryGetValidator(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SingleViewValidator? validator) =>
        _validators.TryGetValue(name, out validator);
}
