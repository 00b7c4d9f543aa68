package io.magicvl.quantizer.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code quantize.calibration} entry: sample inputs and how activation ranges are chosen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CalibrationSettings {
    /** {@code minmax} (default), {@code percentile} or {@code entropy}. */
    @JsonProperty("method")
    public String method;

    /** percentile: the percentile of activation values kept, in (50, 100]; default 99.99. */
    @JsonProperty("percentile")
    public Double percentile;

    /** Histogram bins for percentile and entropy; default 2048. */
    @JsonProperty("bins")
    public Integer bins;

    /** Image files or folders of images for the vision calibration inputs, relative to the recipe's folder. */
    @JsonProperty("images")
    public List<String> images;

    /** Prompts for the embed and decoder calibration inputs; a built-in set when unset. */
    @JsonProperty("prompts")
    public List<String> prompts;

    /** The number of vision inputs: synthetic images when none are listed (default 4), else at most this many of the listed ones (default all). */
    @JsonProperty("samples")
    public Integer samples;

    /** Folder of the calibration statistics cache; default {@code $XDG_CACHE_HOME/magicvl/calibration}. */
    @JsonProperty("cache_dir")
    public String cacheDir;
}
