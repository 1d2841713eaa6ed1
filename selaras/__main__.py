from selaras.cli import main

main()
