; linkproof solver query 5: statement-applies
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |action#1| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |resource#exact| () Int)
(declare-fun |resource#1| () Bool)
(declare-fun |resource#2| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun principal () Int)
(declare-fun |goal#0| () Bool)
(declare-fun |ok:acs:securetransport#0| () Bool)
(declare-fun |bool:acs:securetransport#0| () Bool)
(declare-fun |present:acs:securetransport| () Bool)
(declare-fun |goal#1| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (let (($x31 (>= |action#exact| 1)))
 (not $x31)))
(assert
 (or |action#0| (not |action#1|)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (let (($x55 (>= |resource#exact| 0)))
 (not $x55)))
(assert
 |resource#1|)
(assert
 (let (($x72 (not |resource#2|)))
 (or |resource#0| $x72)))
(assert
 (>= principal 0))
(assert
 (let (($x80 (>= principal 1)))
 (not $x80)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x50 (not $x58)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x29 (not $x35)))
 (let (($x109 (or $x29 $x33 $x50)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x109)))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x35))))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x106 (not $x33)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x106)))))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x58))))
(assert
 (let (($x122 (not |goal#0|)))
 (or $x122 |resource#2|)))
(assert
 (let (($x112 (not |ok:acs:securetransport#0|)))
 (let (($x53 (not |present:acs:securetransport|)))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x113 (ite $x33 |action#1| $x35)))
 (let (($x52 (not $x113)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x50 (not $x58)))
 (let (($x120 (or $x50 $x52 $x53 |bool:acs:securetransport#0| $x112)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x120))))))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x110 (ite $x33 |action#0| $x35)))
 (let (($x122 (not |goal#0|)))
 (or $x122 $x110))))))
(assert
 (let (($x122 (not |goal#0|)))
 (or $x122 |resource#0|)))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x123 (not |goal#1|)))
 (or $x123 $x35))))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x106 (not $x33)))
 (let (($x123 (not |goal#1|)))
 (or $x123 $x106)))))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x123 (not |goal#1|)))
 (or $x123 $x58))))
(assert
 (let (($x123 (not |goal#1|)))
 (or $x123 |resource#2|)))
(assert
 (let (($x112 (not |ok:acs:securetransport#0|)))
 (let (($x53 (not |present:acs:securetransport|)))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x113 (ite $x33 |action#1| $x35)))
 (let (($x52 (not $x113)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x50 (not $x58)))
 (let (($x120 (or $x50 $x52 $x53 |bool:acs:securetransport#0| $x112)))
 (let (($x136 (or (not (or (not $x35) $x33 $x50)) (not $x120))))
 (let (($x123 (not |goal#1|)))
 (or $x123 $x136)))))))))))))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (not $x33)))
(assert
 (= |action#exact| 0))
(assert
 (= |resource#exact| (- 1)))
(assert
 |resource#2|)
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x106 (not $x33)))
 (let (($x137 (and $x106 $x35 $x58)))
 (let (($x105 (not |bool:acs:securetransport#0|)))
 (let (($x113 (ite $x33 |action#1| $x35)))
 (let (($x119 (and $x113 $x58 |present:acs:securetransport| |ok:acs:securetransport#0| $x105)))
 (or $x119 $x137))))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (ite $x33 |action#1| $x35))))
(assert
 |present:acs:securetransport|)
(assert
 |ok:acs:securetransport#0|)
(assert
 (not |bool:acs:securetransport#0|))
(check-sat)
