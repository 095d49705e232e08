from django.core.management.base import BaseCommand

from partnerships.demo import scale as scales


class Command(BaseCommand):
    help = "Write deterministic national-scale data (by seed) for the benchmark; each app adds its own part."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(scales.SCALES), default="national")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale: str, seed: int, **options):
        ctx = scales.generate(scale=scale, seed=seed, log=self.stdout.write)
        self.stdout.write(f"{len(ctx.partnerships)} partnerships; created {ctx.created}")
