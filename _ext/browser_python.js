// Run an exercise in the page: Python (Pyodide) in the browser, with the book's own checker.
// Inlined by _ext/browser_python.py into the chapter pages only. Nothing is downloaded until
// a reader presses "Run in your browser"; then Pyodide, NumPy and the book's package are
// loaded once from this site's _static/pyodide/ (about 16 MB), never from a CDN.
(() => {
  const data = JSON.parse(document.getElementById("browser-python-data").textContent);
  const root = document.documentElement.dataset.content_root || "";
  const base = new URL(`${root}_static/pyodide/`, document.baseURI).href;
  let python = null; // the promise of a ready Pyodide, made on the first run

  async function startPython(say) {
    if (location.protocol === "file:") {
      throw new Error("a browser loads Python only from a web server, not from a file: serve "
        + "the site, for example with `python -m http.server` in _build/html, and reload.");
    }
    say("Loading Python (Pyodide, about 12 MB, once per visit)\u2026");
    await new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = `${base}pyodide.js`;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${script.src}`));
      document.head.appendChild(script);
    });
    const pyodide = await loadPyodide({ indexURL: base });
    say("Loading NumPy\u2026");
    await pyodide.loadPackage("numpy", { messageCallback: () => {} });
    say("Installing the book's checker\u2026");
    const wheel = await (await fetch(`${base}descent.whl`)).arrayBuffer();
    pyodide.unpackArchive(wheel, "wheel");
    await pyodide.runPythonAsync(data.runner);
    return pyodide;
  }

  async function run(exercise, code, output, button) {
    const say = (text, state) => {
      output.textContent = text;
      output.dataset.state = state || "busy";
    };
    button.disabled = true;
    const started = performance.now();
    try {
      python = python || startPython(say);
      const pyodide = await python;
      say("Running your code and the checker\u2026");
      const runExercise = pyodide.globals.get("run_exercise");
      const setup = data.preamble + exercise.context;
      const [state, text] = runExercise(setup, code, exercise.check).toJs();
      runExercise.destroy();
      say(text, state);
      output.dataset.seconds = ((performance.now() - started) / 1000).toFixed(1);
    } catch (error) {
      python = null;
      say(`Python could not start here: ${error.message}`, "error");
    } finally {
      button.disabled = false;
    }
  }

  function attach(exercise) {
    const box = document.getElementById(`ex-${exercise.id}`);
    if (!box) return;
    const panel = document.createElement("div");
    panel.className = "browser-python";
    if (!exercise.runs) {
      const note = document.createElement("p");
      note.className = "browser-python-note";
      note.textContent = `This exercise cannot run in the browser: ${exercise.reason}. `
        + "Solve it in JupyterLab (make practice), on Colab or on Binder.";
      panel.appendChild(note);
      box.after(panel);
      return;
    }
    const open = document.createElement("button");
    open.type = "button";
    open.className = "browser-python-open";
    open.textContent = "\u25B6 Run in your browser";
    panel.appendChild(open);
    box.after(panel);
    open.addEventListener("click", () => {
      const label = document.createElement("label");
      label.textContent = "Your code (edit it, then check it):";
      const code = document.createElement("textarea");
      code.className = "browser-python-code";
      code.spellcheck = false;
      code.rows = Math.max(4, exercise.stub.split("\n").length + 2);
      code.value = exercise.stub;
      label.appendChild(code);
      const check = document.createElement("button");
      check.type = "button";
      check.className = "browser-python-check";
      check.textContent = `Check: ${exercise.check}`;
      const output = document.createElement("pre");
      output.className = "browser-python-output";
      output.setAttribute("role", "status");
      output.setAttribute("aria-live", "polite");
      panel.replaceChildren(label, check, output);
      check.addEventListener("click", () => run(exercise, code.value, output, check));
      code.focus();
    });
  }

  data.exercises.forEach(attach);
})();
