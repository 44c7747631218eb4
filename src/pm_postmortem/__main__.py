from pm_postmortem.cli import main

raise SystemExit(main())
